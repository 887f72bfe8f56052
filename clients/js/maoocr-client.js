// MaoOCR Edge JavaScript client: the MaoOCR protocol (docs/protocol.md) over one WebSocket, with
// reconnect, heartbeat, request queueing and correlation. Inputs are images or PDFs; a request may ask for a
// searchable PDF, which comes back as a Blob on the result. An ES module with no dependencies and no build
// step: the appliance serves it at /js/maoocr-client.js, and bundlers (Vite, webpack) import it as is.
// Types: maoocr-client.d.ts beside this file.

/** Connection states, as in docs/protocol.md ("Connection states"). */
export const ConnectionStatus = Object.freeze({
  DISCONNECTED: 'disconnected',
  CONNECTING: 'connecting',
  CONNECTED: 'connected',
  RECONNECTING: 'reconnecting',
  ERROR: 'error',
});

/**
 * Defaults of {@link MaoOCRWebSocketService}'s options. Each comes from docs/protocol.md ("Writing a client")
 * unless its comment says otherwise.
 */
export const DEFAULT_OPTIONS = Object.freeze({
  /** Heartbeat ping period: 30 s. */
  heartbeatIntervalMs: 30_000,
  /** How long a ping may wait for its pong: until the next heartbeat is due. */
  pongTimeoutMs: 30_000,
  /** First reconnect delay: 1 s, doubled per attempt. */
  reconnectBaseDelayMs: 1_000,
  /** Longest reconnect delay: 30 s. */
  reconnectMaxDelayMs: 30_000,
  /** Reconnect attempts before giving up (status `error`): 5. */
  maxReconnectAttempts: 5,
  /** Random spread of each delay, ±20%, so a room of phones does not reconnect in lockstep. */
  reconnectJitter: 0.2,
  /** A connection attempt that has not opened by then counts as failed (a browser alone may wait minutes). */
  connectTimeoutMs: 10_000,
  /** Per-request limit: the server's own 120 s request timeout plus room for the queue and the transfer. */
  requestTimeoutMs: 180_000,
  /** Requests held while (re)connecting; beyond this, sendOCRRequest fails with `queue_full`. */
  maxQueuedRequests: 64,
  /** Images as binary frames (no base64 overhead). false: base64 in a text frame, the fallback. */
  binary: true,
  /** Resend requests whose answer was lost to a dropped connection (the result cache makes this cheap). */
  resendInFlight: true,
  /**
   * The backoff schedule is for reconnecting a connection that was up (docs/protocol.md, "Writing a client"):
   * a connect() whose attempt fails goes to `error` at once and leaves the retry to the app, as the .NET SDK
   * does. true runs the schedule for connect() too (an app started before its appliance).
   */
  retryInitialConnect: false,
});

/** Codes of errors raised by the client itself; the server's codes are in docs/protocol.md. */
export const ClientErrorCode = Object.freeze({
  NOT_CONNECTED: 'not_connected',
  CONNECTION_LOST: 'connection_lost',
  CONNECTION_FAILED: 'connection_failed',
  DISCONNECTED: 'disconnected',
  QUEUE_FULL: 'queue_full',
  REQUEST_TIMEOUT: 'request_timeout',
  ABORTED: 'aborted',
  INVALID_ARGUMENT: 'invalid_argument',
  /** The appliance's answer could not be read (a binary answer whose length does not add up). */
  INVALID_ANSWER: 'invalid_answer',
});

/** What a request asks back: `json`, the result alone (the default), or `pdf`, the result and a searchable PDF. */
export const OutputFormat = Object.freeze({
  JSON: 'json',
  PDF: 'pdf',
});

/** An OCR request failed: a server `ocr_error` or a client-side reason. */
export class MaoOCRError extends Error {
  /**
   * @param {string} code a server code (`invalid_image`, `busy`, …) or a {@link ClientErrorCode}
   * @param {string} message what went wrong, in words
   * @param {{requestId?: string|null, retryable?: boolean, retryAfterMs?: number|null}} [details]
   */
  constructor(code, message, details = {}) {
    super(message);
    this.name = 'MaoOCRError';
    /** @type {string} */
    this.code = code;
    /** @type {string|null} */
    this.requestId = details.requestId ?? null;
    /** @type {boolean} */
    this.retryable = details.retryable ?? false;
    /** @type {number|null} */
    this.retryAfterMs = details.retryAfterMs ?? null;
  }
}

/**
 * One OCR request: an image or a PDF (or several, a batch) and what the caller needs. A PDF goes exactly as an
 * image does; the appliance tells them apart by the bytes (`%PDF-`).
 */
export class OCRRequestData {
  /**
   * @param {import('./maoocr-client').ImageInput | import('./maoocr-client').ImageInput[]} image a Blob/File,
   *   ArrayBuffer, typed array, or a base64 string / data: URL, of an image or a PDF; an array makes a batch (at most 16)
   * @param {import('./maoocr-client').OCRRequirements} [requirements] wire names, as in docs/protocol.md
   *   (`force_ocr: true` reads a PDF's pages by OCR even where they carry text)
   * @param {{output?: 'json' | 'pdf'}} [options] `output: 'pdf'` also asks for a searchable PDF of the inputs
   *   (the result's `searchablePdf`)
   */
  constructor(image, requirements = {}, options = {}) {
    if (image === undefined || image === null || (Array.isArray(image) && image.length === 0)) {
      throw new MaoOCRError(ClientErrorCode.INVALID_ARGUMENT, 'OCRRequestData needs an image or a PDF.');
    }
    const output = options?.output ?? OutputFormat.JSON;
    if (output !== OutputFormat.JSON && output !== OutputFormat.PDF) {
      throw new MaoOCRError(ClientErrorCode.INVALID_ARGUMENT, `output is 'json' or 'pdf', not '${output}'.`);
    }
    this.image = image;
    this.requirements = { ...requirements };
    /** @type {'json' | 'pdf'} */
    this.output = output;
  }

  /** Whether this request is a batch of images. */
  get isBatch() {
    return Array.isArray(this.image);
  }
}

/**
 * The nominal reconnect delay before attempt `attempt` (1-based): base·2^(attempt−1), at most max.
 * @param {number} attempt
 * @param {{reconnectBaseDelayMs?: number, reconnectMaxDelayMs?: number}} [options]
 */
export function nominalBackoffMs(attempt, options = {}) {
  const base = options.reconnectBaseDelayMs ?? DEFAULT_OPTIONS.reconnectBaseDelayMs;
  const max = options.reconnectMaxDelayMs ?? DEFAULT_OPTIONS.reconnectMaxDelayMs;
  return Math.min(max, base * 2 ** Math.max(0, attempt - 1));
}

/**
 * The reconnect delay with jitter: the nominal delay times a factor in [1 − jitter, 1 + jitter], and never
 * more than the longest delay (the cap holds for the jittered delay, not only for the nominal one).
 * @param {number} attempt 1-based
 * @param {{reconnectBaseDelayMs?: number, reconnectMaxDelayMs?: number, reconnectJitter?: number}} [options]
 * @param {() => number} [random] a source in [0, 1)
 */
export function backoffDelayMs(attempt, options = {}, random = Math.random) {
  const jitter = options.reconnectJitter ?? DEFAULT_OPTIONS.reconnectJitter;
  const max = options.reconnectMaxDelayMs ?? DEFAULT_OPTIONS.reconnectMaxDelayMs;
  return Math.min(max, Math.round(nominalBackoffMs(attempt, options) * (1 + jitter * (2 * random() - 1))));
}

/** Unique ids for this page or process: a random prefix and a counter (docs/protocol.md, "Correlation"). */
function idFactory() {
  const prefix = Math.random().toString(36).slice(2, 8);
  let counter = 0;
  return (kind) => `${kind}-${prefix}-${++counter}`;
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/** Reads an image or PDF input to bytes; a string is returned as is (already base64 or a data: URL). */
async function toBytes(image) {
  if (typeof image === 'string') return image;
  if (image instanceof Uint8Array) return image;
  if (image instanceof ArrayBuffer) return new Uint8Array(image);
  if (ArrayBuffer.isView(image)) return new Uint8Array(image.buffer, image.byteOffset, image.byteLength);
  if (typeof Blob !== 'undefined' && image instanceof Blob) return new Uint8Array(await image.arrayBuffer());
  throw new MaoOCRError(ClientErrorCode.INVALID_ARGUMENT,
    'An image or PDF must be a Blob/File, an ArrayBuffer, a typed array, or a base64 string.');
}

function bytesToBase64(bytes) {
  if (typeof Buffer !== 'undefined') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Builds the wire message of an ocr_request: the binary form (4-byte big-endian envelope length, JSON
 * envelope, image bytes back to back) or a JSON text message with base64 images.
 * @returns {Promise<string|Uint8Array>}
 */
export async function encodeOCRRequest(id, request, binary = true) {
  const images = request.isBatch ? request.image : [request.image];
  const parts = await Promise.all(images.map(toBytes));
  const data = { requirements: request.requirements };
  // Left out for JSON, the default, so a request reads as it did before searchable PDFs.
  if (request.output === OutputFormat.PDF) data.output = OutputFormat.PDF;
  const envelope = { type: 'ocr_request', id, timestamp: Date.now() / 1000, data };
  const allBytes = parts.every((p) => typeof p !== 'string');
  if (binary && allBytes) {
    if (request.isBatch) data.image_sizes = parts.map((p) => p.byteLength);
    const json = textEncoder.encode(JSON.stringify(envelope));
    const total = parts.reduce((n, p) => n + p.byteLength, 4 + json.byteLength);
    const frame = new Uint8Array(total);
    new DataView(frame.buffer).setUint32(0, json.byteLength, false);
    frame.set(json, 4);
    let offset = 4 + json.byteLength;
    for (const p of parts) {
      frame.set(p, offset);
      offset += p.byteLength;
    }
    return frame;
  }
  const encoded = parts.map((p) => (typeof p === 'string' ? p : bytesToBase64(p)));
  if (request.isBatch) data.images = encoded;
  else data.image = encoded[0];
  return JSON.stringify(envelope);
}

/** The size of a binary message's big-endian envelope length, as in the requests' binary form. */
const LENGTH_PREFIX_BYTES = 4;

/**
 * Reads one server message. A text message is JSON. A binary message is the form a searchable PDF comes in:
 * the envelope's length (4 bytes, big-endian), the JSON envelope, then the payload. A binary message that
 * starts with `{` is taken as JSON, since no envelope is 2 GB long.
 * @param {string|ArrayBuffer|ArrayBufferView} raw
 * @returns {{message: any, payload: Uint8Array|null} | null} null when it cannot be read (never throws)
 */
export function decodeServerMessage(raw) {
  try {
    if (typeof raw === 'string') return asMessage(JSON.parse(raw), null);
    let bytes;
    if (raw instanceof ArrayBuffer) bytes = new Uint8Array(raw);
    else if (ArrayBuffer.isView(raw)) bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
    else return null;
    if (bytes.byteLength > 0 && bytes[0] === 0x7b) return asMessage(JSON.parse(textDecoder.decode(bytes)), null);
    if (bytes.byteLength < LENGTH_PREFIX_BYTES) return null;
    const envelopeBytes = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, false);
    if (envelopeBytes > bytes.byteLength - LENGTH_PREFIX_BYTES) return null;
    const envelope = bytes.subarray(LENGTH_PREFIX_BYTES, LENGTH_PREFIX_BYTES + envelopeBytes);
    return asMessage(JSON.parse(textDecoder.decode(envelope)), bytes.subarray(LENGTH_PREFIX_BYTES + envelopeBytes));
  } catch {
    return null; // Not JSON: the server sends nothing else, so it is ignored rather than trusted.
  }
}

function asMessage(message, payload) {
  return message !== null && typeof message === 'object' && typeof message.type === 'string' ? { message, payload } : null;
}

/** The searchable PDF as a Blob where there is one (browsers, Node.js 18+), else its bytes. */
function pdfBlob(bytes) {
  return typeof Blob === 'function' ? new Blob([bytes], { type: 'application/pdf' }) : bytes.slice();
}

/** Options that count something, so take whole numbers only. */
const WHOLE_NUMBER_OPTIONS = new Set(['maxReconnectAttempts', 'maxQueuedRequests']);

/**
 * The defaults with the caller's options over them; an option left undefined keeps its default. A value of the
 * wrong kind is refused here, naming the option, rather than misbehaving later (a jitter of 2 would make
 * negative delays, a string `'false'` would count as true).
 */
function resolveOptions(options) {
  const resolved = { ...DEFAULT_OPTIONS };
  for (const [name, value] of Object.entries(options ?? {})) {
    if (value === undefined) continue;
    const fallback = DEFAULT_OPTIONS[name];
    let problem = null;
    if (typeof fallback === 'boolean' && typeof value !== 'boolean') problem = 'true or false';
    else if (typeof fallback === 'number' && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) problem = 'a number, 0 or more';
    else if (WHOLE_NUMBER_OPTIONS.has(name) && !Number.isInteger(value)) problem = 'a whole number';
    else if (name === 'reconnectJitter' && value > 1) problem = 'between 0 and 1';
    else if (name === 'random' && typeof value !== 'function') problem = 'a function returning a number in [0, 1)';
    if (problem) {
      throw new MaoOCRError(ClientErrorCode.INVALID_ARGUMENT, `Option ${name} must be ${problem}, not ${typeof value === 'string' ? JSON.stringify(value) : String(value)}.`);
    }
    resolved[name] = value;
  }
  return resolved;
}

function defaultUrl() {
  if (typeof location === 'undefined') {
    throw new MaoOCRError(ClientErrorCode.INVALID_ARGUMENT, 'Pass the appliance URL, e.g. ws://BOX:8080/ws/ocr.');
  }
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws/ocr`;
}

/**
 * The MaoOCR WebSocket client. One connection; requests are matched to answers by id, survive reconnects
 * (queued and resent), and each gets exactly one outcome: its promise resolves or rejects once.
 */
export class MaoOCRWebSocketService {
  /**
   * @param {string} [url] ws:// or wss:// URL of /ws/ocr; default: this page's appliance
   * @param {import('./maoocr-client').ServiceOptions} [options]
   */
  constructor(url, options = {}) {
    this.url = url ?? defaultUrl();
    /** @type {import('./maoocr-client').ServiceOptions} */
    this.options = resolveOptions(options);
    this._WebSocket = this.options.WebSocket ?? globalThis.WebSocket;
    if (typeof this._WebSocket !== 'function') {
      throw new MaoOCRError(ClientErrorCode.INVALID_ARGUMENT,
        'No WebSocket implementation: pass one as options.WebSocket (in Node.js 20, the "ws" package).');
    }
    this._random = this.options.random ?? Math.random;
    this._nextId = idFactory();
    this._status = ConnectionStatus.DISCONNECTED;
    this._socket = null;
    this._attempt = 0;
    /** Whether a failed or dropped connection is retried on the backoff schedule (see retryInitialConnect). */
    this._reconnects = false;
    this._reconnectTimer = null;
    this._connectTimer = null;
    this._heartbeatTimer = null;
    this._pongTimer = null;
    this._awaitingPong = null;
    /** Requests not yet on the wire, in order. */
    this._queue = [];
    /** Every request without its final answer, by id. */
    this._pending = new Map();
    this._connectWaiters = [];
    this._flushing = false;
    this._listeners = { status: new Set(), reconnectAttempt: new Set(), progress: new Set(), result: new Set(), error: new Set() };
  }

  /** The connection state: one of {@link ConnectionStatus}. */
  get status() {
    return this._status;
  }

  /** Whether the connection is open and requests go out at once. */
  isConnected() {
    return this._status === ConnectionStatus.CONNECTED;
  }

  /** Requests sent but not yet answered, queued ones included. */
  get pendingCount() {
    return this._pending.size;
  }

  /**
   * Opens the connection. Resolves once connected; rejects with `connection_failed` when the attempt fails
   * (with `retryInitialConnect`: when it and {@link DEFAULT_OPTIONS.maxReconnectAttempts} retries failed), or
   * `disconnected` when {@link disconnect} is called first. Once connected, a drop is retried on the schedule.
   * @returns {Promise<void>}
   */
  connect() {
    if (this._status === ConnectionStatus.CONNECTED) return Promise.resolve();
    const waiter = new Promise((resolve, reject) => this._connectWaiters.push({ resolve, reject }));
    if (this._status === ConnectionStatus.DISCONNECTED || this._status === ConnectionStatus.ERROR) {
      this._attempt = 0;
      this._reconnects = this.options.retryInitialConnect;
      this._open(ConnectionStatus.CONNECTING);
    }
    return waiter;
  }

  /** Closes the connection and stops reconnecting; every unanswered request fails with `disconnected`. */
  disconnect() {
    this._clearTimers();
    const socket = this._socket;
    this._socket = null;
    if (socket) {
      this._detach(socket);
      try { socket.close(1000, 'client disconnect'); } catch { /* already closing */ }
    }
    this._failAll(new MaoOCRError(ClientErrorCode.DISCONNECTED, 'The client was disconnected.'));
    this._settleConnect(new MaoOCRError(ClientErrorCode.DISCONNECTED, 'The client was disconnected.'));
    this._setStatus(ConnectionStatus.DISCONNECTED);
  }

  /**
   * Sends one OCR request. While (re)connecting it waits in the queue and goes out once connected.
   * @param {OCRRequestData} request
   * @param {{onProgress?: (p: import('./maoocr-client').OCRProgress) => void, signal?: AbortSignal, timeoutMs?: number}} [options]
   * @returns {Promise<any>} ocr_complete's data: text, lines, width, height, timings, cached (a batch: results;
   *   a PDF: page_count and pages; with output 'pdf': searchablePdf, a Blob of type application/pdf)
   */
  sendOCRRequest(request, options = {}) {
    if (!(request instanceof OCRRequestData)) {
      // A plain {image, requirements} object is accepted too; a missing image is a rejection, never a throw.
      try {
        request = new OCRRequestData(request?.image, request?.requirements, { output: request?.output });
      } catch (e) {
        return Promise.reject(e);
      }
    }
    if (this._status === ConnectionStatus.DISCONNECTED || this._status === ConnectionStatus.ERROR) {
      return Promise.reject(new MaoOCRError(ClientErrorCode.NOT_CONNECTED,
        `Not connected to the appliance (status: ${this._status}); call connect() first.`));
    }
    if (this._queue.length >= this.options.maxQueuedRequests) {
      return Promise.reject(new MaoOCRError(ClientErrorCode.QUEUE_FULL,
        `${this._queue.length} requests are already waiting for the connection.`, { retryable: true }));
    }
    if (options.signal?.aborted) {
      return Promise.reject(new MaoOCRError(ClientErrorCode.ABORTED, 'The request was aborted.'));
    }
    const id = this._nextId('r');
    return new Promise((resolve, reject) => {
      const entry = { id, request, resolve, reject, onProgress: options.onProgress, sent: false, resend: false, timer: null, abort: null };
      const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs;
      if (timeoutMs > 0) {
        entry.timer = setTimeout(() => this._finish(entry, new MaoOCRError(ClientErrorCode.REQUEST_TIMEOUT,
          `No answer from the appliance within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}.`, { requestId: id, retryable: true })), timeoutMs);
      }
      if (options.signal) {
        entry.abort = () => this._finish(entry, new MaoOCRError(ClientErrorCode.ABORTED, 'The request was aborted.', { requestId: id }));
        entry.signal = options.signal;
        options.signal.addEventListener('abort', entry.abort, { once: true });
      }
      this._pending.set(id, entry);
      this._queue.push(entry);
      this._flush();
    });
  }

  /**
   * Sends several images as one batch request; resolves with `{text, results}` (one result per image, in order).
   * @param {import('./maoocr-client').ImageInput[]} images at most 16
   * @param {import('./maoocr-client').OCRRequirements} [requirements]
   */
  sendBatch(images, requirements = {}, options = {}) {
    if (!Array.isArray(images) || images.length === 0) {
      return Promise.reject(new MaoOCRError(ClientErrorCode.INVALID_ARGUMENT, 'A batch needs at least one image.'));
    }
    return this.sendOCRRequest(new OCRRequestData(images, requirements), options);
  }

  /** @param {(status: string, detail: import('./maoocr-client').StatusDetail) => void} listener @returns {() => void} unsubscribe */
  onStatusChange(listener) { return this._subscribe('status', listener); }

  /**
   * Each reconnect attempt as it is scheduled (the status stays `reconnecting` between attempts, so the status
   * listener hears only the first).
   * @param {(detail: import('./maoocr-client').StatusDetail) => void} listener @returns {() => void} unsubscribe
   */
  onReconnectAttempt(listener) { return this._subscribe('reconnectAttempt', listener); }

  /** @param {(progress: import('./maoocr-client').OCRProgress) => void} listener @returns {() => void} unsubscribe */
  onProgress(listener) { return this._subscribe('progress', listener); }

  /** @param {(result: any, requestId: string) => void} listener @returns {() => void} unsubscribe */
  onResult(listener) { return this._subscribe('result', listener); }

  /** @param {(error: MaoOCRError) => void} listener @returns {() => void} unsubscribe */
  onError(listener) { return this._subscribe('error', listener); }

  // ---- connection -------------------------------------------------------------------------------

  _open(status) {
    this._setStatus(status);
    let socket;
    try {
      socket = new this._WebSocket(this._socketUrl());
    } catch (e) {
      this._onSocketGone(null, `cannot open ${this.url}: ${e?.message ?? e}`);
      return;
    }
    socket.binaryType = 'arraybuffer';
    this._socket = socket;
    socket.onopen = () => this._onOpen(socket);
    socket.onmessage = (event) => this._onMessage(socket, event.data);
    socket.onerror = () => { /* onclose follows and carries the outcome */ };
    socket.onclose = (event) => this._onSocketGone(socket, `closed (${event?.code ?? 'no code'})`);
    this._connectTimer = setTimeout(() => this._drop(socket, 'the connection attempt timed out'), this.options.connectTimeoutMs);
  }

  _socketUrl() {
    if (!this.options.token) return this.url;
    const separator = this.url.includes('?') ? '&' : '?';
    return `${this.url}${separator}token=${encodeURIComponent(this.options.token)}`;
  }

  _onOpen(socket) {
    if (socket !== this._socket) return;
    clearTimeout(this._connectTimer);
    this._attempt = 0;
    this._reconnects = true;
    this._setStatus(ConnectionStatus.CONNECTED);
    this._settleConnect(null);
    this._startHeartbeat();
    this._flush();
  }

  /** The socket closed or failed to open: reconnect unless the app disconnected or attempts ran out. */
  _onSocketGone(socket, reason) {
    if (socket !== null && socket !== this._socket) return;
    if (socket) this._detach(socket);
    this._socket = null;
    this._stopHeartbeat();
    clearTimeout(this._connectTimer);
    if (this._status === ConnectionStatus.DISCONNECTED) return;

    // A request already on the wire has no answer coming: resend it after the reconnect, or fail it. One the appliance
    // refused with resend (it was going away) asked for exactly that, so it goes out again whatever resendInFlight says.
    for (const entry of this._pending.values()) {
      if (!entry.sent) continue;
      entry.sent = false;
      const refused = entry.resend;
      entry.resend = false;
      if (!refused && !this.options.resendInFlight) this._finish(entry, new MaoOCRError(ClientErrorCode.CONNECTION_LOST,
        'The connection dropped before the answer arrived.', { requestId: entry.id, retryable: true }));
    }
    // Every request left goes out again in the order it was made: a resent one must not fall behind the
    // requests made after it, which were still queued. The pending map keeps that order.
    this._queue = [...this._pending.values()];

    if (!this._reconnects) {
      this._fail(`Cannot reach the appliance at ${this.url} (${reason}).`, reason);
      return;
    }
    if (this._attempt >= this.options.maxReconnectAttempts) {
      this._fail(`Cannot reach the appliance at ${this.url} after ${this._attempt} reconnect attempts (${reason}).`, reason);
      return;
    }
    this._attempt += 1;
    const detail = { attempt: this._attempt, delayMs: backoffDelayMs(this._attempt, this.options, this._random), reason };
    this._setStatus(ConnectionStatus.RECONNECTING, detail);
    this._emit('reconnectAttempt', detail);
    this._reconnectTimer = setTimeout(() => {
      this._reconnectTimer = null;
      this._open(ConnectionStatus.RECONNECTING);
    }, detail.delayMs);
  }

  /** Gives up connecting: status `error`, and every request and connect() waiter fails with `connection_failed`. */
  _fail(message, reason) {
    const error = new MaoOCRError(ClientErrorCode.CONNECTION_FAILED, message, { retryable: true });
    this._setStatus(ConnectionStatus.ERROR, { reason });
    this._emit('error', error);
    this._failAll(error);
    this._settleConnect(error);
  }

  /** Treats the socket as dead (missed pong, connect timeout): closes it and reconnects now. */
  _drop(socket, reason) {
    if (socket !== this._socket) return;
    try {
      // Node's "ws" would otherwise wait 30 s for a close frame that a dead link never brings.
      if (typeof socket.terminate === 'function') socket.terminate();
      else socket.close(4000, reason.slice(0, 100));
    } catch { /* not open yet */ }
    this._onSocketGone(socket, reason);
  }

  _detach(socket) {
    socket.onopen = socket.onmessage = socket.onclose = null;
    socket.onerror = () => {};
  }

  // ---- heartbeat --------------------------------------------------------------------------------

  _startHeartbeat() {
    this._stopHeartbeat();
    this._heartbeatTimer = setInterval(() => this._ping(), this.options.heartbeatIntervalMs);
  }

  _ping() {
    const socket = this._socket;
    if (!socket || this._awaitingPong) return;
    const id = this._nextId('hb');
    this._awaitingPong = id;
    this._send(socket, JSON.stringify({ type: 'ping', id, timestamp: Date.now() / 1000, data: {} }));
    this._pongTimer = setTimeout(() => {
      if (this._awaitingPong === id) this._drop(socket, `no pong within ${this.options.pongTimeoutMs} ms`);
    }, this.options.pongTimeoutMs);
  }

  _stopHeartbeat() {
    clearInterval(this._heartbeatTimer);
    clearTimeout(this._pongTimer);
    this._heartbeatTimer = this._pongTimer = this._awaitingPong = null;
  }

  // ---- requests ---------------------------------------------------------------------------------

  /** Sends the queue in order; one loop at a time, because reading a Blob is asynchronous. */
  async _flush() {
    if (this._flushing) return;
    this._flushing = true;
    try {
      await this._sendQueued();
    } finally {
      this._flushing = false;
    }
    // A request queued while the loop was finishing.
    if (this._status === ConnectionStatus.CONNECTED && this._queue.length > 0) this._flush();
  }

  async _sendQueued() {
    while (this._status === ConnectionStatus.CONNECTED && this._queue.length > 0) {
      const entry = this._queue.shift();
      if (!this._pending.has(entry.id)) continue;
      const socket = this._socket;
      entry.sent = true;
      let message;
      try {
        message = await encodeOCRRequest(entry.id, entry.request, this.options.binary);
      } catch (e) {
        this._finish(entry, e instanceof MaoOCRError ? e : new MaoOCRError(ClientErrorCode.INVALID_ARGUMENT, String(e?.message ?? e), { requestId: entry.id }));
        continue;
      }
      // The connection may have dropped while the image was read; the entry was re-queued then.
      if (socket !== this._socket || !entry.sent || !this._pending.has(entry.id)) continue;
      this._send(socket, message);
    }
  }

  _send(socket, message) {
    try {
      socket.send(message);
    } catch (e) {
      this._drop(socket, `send failed: ${e?.message ?? e}`);
    }
  }

  _onMessage(socket, raw) {
    if (socket !== this._socket) return;
    // A message that cannot be read is dropped; the connection and every other request carry on.
    const decoded = decodeServerMessage(raw);
    if (!decoded) return;
    const { message, payload } = decoded;
    const data = message.data ?? {};
    if (message.type === 'pong') {
      if (message.id === this._awaitingPong) {
        this._awaitingPong = null;
        clearTimeout(this._pongTimer);
      }
      return;
    }
    const entry = data.request_id != null ? this._pending.get(String(data.request_id)) : undefined;
    switch (message.type) {
      case 'ocr_start':
        if (entry) this._progress(entry, { stage: 'queued', progress: 0, queuePosition: data.queue_position ?? 0 });
        break;
      case 'ocr_progress':
        if (entry) {
          const progress = { stage: data.stage, progress: data.progress };
          // A PDF's progress says which page is being read (1-based) of how many.
          if (Number.isInteger(data.page) && Number.isInteger(data.pages)) Object.assign(progress, { page: data.page, pages: data.pages });
          this._progress(entry, progress);
        }
        break;
      case 'ocr_complete':
        if (entry) this._complete(entry, data, payload);
        break;
      case 'ocr_error': {
        if (data.resend === true) {
          // The appliance is going away and did not finish it: the connection closes with 1001 next, and the request
          // goes out again on the next one (through a balancer, to another appliance). The app never sees this
          // refusal; the request's own timeout still bounds the wait if the close never comes. One the app already
          // gave up on (timed out, aborted) is not reported either: it has nothing left to resend.
          if (entry) entry.resend = true;
          break;
        }
        const error = new MaoOCRError(data.code ?? 'internal', data.message ?? 'The appliance reported an error.',
          { requestId: data.request_id ?? null, retryable: data.retryable, retryAfterMs: data.retry_after_ms });
        if (entry) this._finish(entry, error);
        else this._emit('error', error); // e.g. a message the server could not read at all
        break;
      }
      default:
        break; // Unknown types are ignored, so the server can add messages later.
    }
  }

  /** The final answer; one that asked for a searchable PDF gets it as `searchablePdf`, checked against `pdf_bytes`. */
  _complete(entry, data, payload) {
    if (entry.request.output !== OutputFormat.PDF && payload === null) {
      this._finish(entry, null, data);
      return;
    }
    if (payload === null || data.output !== OutputFormat.PDF || data.pdf_bytes !== payload.byteLength) {
      const what = payload === null
        ? 'The appliance answered without the searchable PDF (an appliance from before searchable PDFs ignores output "pdf").'
        : `The searchable PDF did not arrive whole: ${data.pdf_bytes ?? 'no'} bytes announced, ${payload.byteLength} received.`;
      this._finish(entry, new MaoOCRError(ClientErrorCode.INVALID_ANSWER, what, { requestId: entry.id, retryable: payload !== null }));
      return;
    }
    this._finish(entry, null, { ...data, searchablePdf: pdfBlob(payload) });
  }

  _progress(entry, progress) {
    const event = { requestId: entry.id, ...progress };
    try { entry.onProgress?.(event); } catch (e) { queueMicrotask(() => { throw e; }); }
    this._emit('progress', event);
  }

  /** Settles a request exactly once. */
  _finish(entry, error, result) {
    if (!this._pending.delete(entry.id)) return;
    clearTimeout(entry.timer);
    if (entry.signal) entry.signal.removeEventListener('abort', entry.abort);
    const queued = this._queue.indexOf(entry);
    if (queued >= 0) this._queue.splice(queued, 1);
    if (error) {
      if (!error.requestId) error.requestId = entry.id;
      this._emit('error', error);
      entry.reject(error);
    } else {
      this._emit('result', result, entry.id);
      entry.resolve(result);
    }
  }

  _failAll(error) {
    for (const entry of [...this._pending.values()]) {
      this._finish(entry, new MaoOCRError(error.code, error.message, { requestId: entry.id, retryable: error.retryable }));
    }
  }

  _settleConnect(error) {
    const waiters = this._connectWaiters;
    this._connectWaiters = [];
    for (const w of waiters) error ? w.reject(error) : w.resolve();
  }

  _clearTimers() {
    clearTimeout(this._reconnectTimer);
    clearTimeout(this._connectTimer);
    this._reconnectTimer = this._connectTimer = null;
    this._stopHeartbeat();
  }

  // ---- listeners --------------------------------------------------------------------------------

  /** Reports a change only: the attempts within `reconnecting` go to the reconnectAttempt listeners. */
  _setStatus(status, detail = {}) {
    if (status === this._status) return;
    this._status = status;
    this._emit('status', status, detail);
  }

  _subscribe(kind, listener) {
    if (typeof listener !== 'function') throw new MaoOCRError(ClientErrorCode.INVALID_ARGUMENT, 'A listener must be a function.');
    this._listeners[kind].add(listener);
    return () => this._listeners[kind].delete(listener);
  }

  _emit(kind, ...args) {
    for (const listener of [...this._listeners[kind]]) {
      // A throwing listener must not break the client or the other listeners.
      try { listener(...args); } catch (e) { queueMicrotask(() => { throw e; }); }
    }
  }
}

/** Hands out one shared service per URL, like the original design's `webSocketManager.getService()`. */
export class MaoOCRWebSocketManager {
  constructor() {
    this._services = new Map();
  }

  /**
   * The service for `url` (default: this page's appliance), created on first use with `options`.
   * @param {string} [url]
   * @param {import('./maoocr-client').ServiceOptions} [options]
   * @returns {MaoOCRWebSocketService}
   */
  getService(url, options) {
    const key = url ?? defaultUrl();
    let service = this._services.get(key);
    if (!service) {
      service = new MaoOCRWebSocketService(key, options);
      this._services.set(key, service);
    }
    return service;
  }

  /** Disconnects and forgets every service (tests, or a page that changes appliance). */
  reset() {
    for (const service of this._services.values()) service.disconnect();
    this._services.clear();
  }
}

/** The shared manager. */
export const webSocketManager = new MaoOCRWebSocketManager();

export default MaoOCRWebSocketService;

// Types of maoocr-client.js, the MaoOCR Edge WebSocket client (protocol: docs/protocol.md).

export type ConnectionStatusValue = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'error';

export declare const ConnectionStatus: Readonly<{
  DISCONNECTED: 'disconnected';
  CONNECTING: 'connecting';
  CONNECTED: 'connected';
  RECONNECTING: 'reconnecting';
  ERROR: 'error';
}>;

/**
 * An image or a PDF. A Blob/File or raw bytes go out in a binary frame; a string is base64 or a data: URL.
 * The appliance tells a PDF from an image by its bytes (`%PDF-`), so a File's type does not matter.
 */
export type ImageInput = Blob | ArrayBuffer | ArrayBufferView | string;

export interface OCRRequirements {
  /**
   * "document" or "auto" turn on the layout analysis (blocks in reading order) and page orientation (rotation);
   * any other value is your own label, at most 64 characters, kept for logs and metrics. Default "general".
   * A PDF's pages always get blocks.
   */
  document_type?: 'document' | 'auto' | (string & {});
  /** A PDF's pages are read by OCR even where they carry a text layer. Default false. */
  force_ocr?: boolean;
  /** "auto" (default), "ch" or "en". */
  language?: 'auto' | 'ch' | 'zh' | 'chinese' | 'en' | 'english';
  /** "fast", "balanced" (default) or "high". */
  accuracy_requirement?: 'fast' | 'balanced' | 'high';
}

/** Four corners in image pixels: top-left, top-right, bottom-right, bottom-left as the text reads. */
export type Box = [[number, number], [number, number], [number, number], [number, number]];

export interface OCRLine {
  text: string;
  /** 0–1; lines under 0.5 are not returned. */
  confidence: number;
  box: Box;
}

export interface OCRTimings {
  decode_ms: number;
  detection_ms: number;
  classification_ms: number;
  recognition_ms: number;
  inference_ms: number;
  total_ms: number;
}

/** A block of text (a paragraph, a column's piece), in reading order. */
export interface OCRBlock {
  /** The block's lines joined in reading order. */
  text: string;
  /** Indices into the result's `lines`, in reading order. */
  lines: number[];
  box: Box;
}

export interface OCRImageResult {
  text: string;
  /** Pixels. */
  width: number;
  height: number;
  lines: OCRLine[];
  /** With document_type "document"/"auto", and on every PDF page: the blocks in reading order. */
  blocks?: OCRBlock[];
  /** Degrees clockwise the page was turned to read it upright: 0, 90, 180 or 270. */
  rotation?: 0 | 90 | 180 | 270;
  timings: OCRTimings;
}

/** One page of a PDF: an image result (its pixels at `dpi`) plus where its text came from. */
export interface OCRPage extends OCRImageResult {
  /** 1-based. */
  page: number;
  /** "ocr": the page was rendered and read; "text_layer": its text was taken from the PDF. */
  source: 'ocr' | 'text_layer';
  /** The resolution the page's pixel coordinates are at. */
  dpi: number;
  /** The page's size in points (1/72 inch), as displayed. */
  width_pt: number;
  height_pt: number;
}

/** A PDF input's result: the pages in order, and their text joined by blank lines. */
export interface OCRDocumentResult {
  text: string;
  page_count: number;
  pages: OCRPage[];
}

/**
 * ocr_complete's data. An image's result is in it directly; a PDF's carries `page_count` and `pages`.
 * A batch carries `results` (one per input, in order) and the joined `text`.
 */
export interface OCRResult extends Partial<OCRImageResult>, Partial<Omit<OCRDocumentResult, 'text'>> {
  request_id: string;
  cached: boolean;
  text: string;
  results?: Array<OCRImageResult | OCRDocumentResult>;
  /** With output "pdf": "pdf". */
  output?: 'pdf';
  /** With output "pdf": the size of the searchable PDF in bytes. */
  pdf_bytes?: number;
  /** With output "pdf": the inputs as one searchable PDF (type application/pdf). */
  searchablePdf?: Blob;
}

export interface OCRProgress {
  requestId: string;
  /** "queued" (from ocr_start), then "decode", "detection", "classification", "recognition". */
  stage: 'queued' | 'decode' | 'detection' | 'classification' | 'recognition' | string;
  /** 0–100, never goes back. */
  progress: number;
  /** With stage "queued": how many requests run before this one (0 = next). */
  queuePosition?: number;
  /** For a PDF: the page being read, 1-based. */
  page?: number;
  /** For a PDF: its page count. */
  pages?: number;
}

/**
 * What came with a status change, or with a reconnect attempt (onReconnectAttempt): the status listener hears
 * the change to "reconnecting" with attempt 1; the later attempts go to onReconnectAttempt only.
 */
export interface StatusDetail {
  /** With "reconnecting": the attempt number, 1-based. */
  attempt?: number;
  /** With "reconnecting": the wait before this attempt in ms, jitter included, at most reconnectMaxDelayMs. */
  delayMs?: number;
  /** Why the connection went down. */
  reason?: string;
}

/** A WebSocket constructor: the browser's, or the "ws" package's in Node.js. */
export type WebSocketConstructor = new (url: string) => any;

export interface ServiceOptions {
  /** The WebSocket implementation; default globalThis.WebSocket. */
  WebSocket?: WebSocketConstructor;
  /** API token, sent as ?token= (browsers cannot set headers on a WebSocket). */
  token?: string;
  /** Default 30 000. */
  heartbeatIntervalMs?: number;
  /** Default 30 000: a ping unanswered until the next heartbeat means the connection is dead. */
  pongTimeoutMs?: number;
  /** Default 1 000, doubled per attempt. */
  reconnectBaseDelayMs?: number;
  /** Default 30 000. */
  reconnectMaxDelayMs?: number;
  /** Default 5. */
  maxReconnectAttempts?: number;
  /** Default 0.2: each delay is spread by ±20%, and still never exceeds reconnectMaxDelayMs. */
  reconnectJitter?: number;
  /** Default 10 000. */
  connectTimeoutMs?: number;
  /** Default 180 000; 0 turns the client-side limit off. */
  requestTimeoutMs?: number;
  /** Default 64. */
  maxQueuedRequests?: number;
  /** Default true: binary frames; false sends base64 in text frames. */
  binary?: boolean;
  /**
   * Default true: requests whose answer was lost to a drop are resent after the reconnect, in the order they
   * were made, ahead of any request made later. A request a stopping appliance refused with `busy` and
   * `resend: true` never ran: it is resent after the reconnect even when this is false, and the app never sees
   * that refusal (the request's timeout still bounds the wait).
   */
  resendInFlight?: boolean;
  /**
   * Default false: a connect() whose attempt fails rejects with connection_failed and goes to "error" at once;
   * the backoff schedule is for reconnecting a connection that was up (docs/protocol.md). true: connect()
   * retries on the schedule too (status "reconnecting"), and rejects only when every attempt failed.
   */
  retryInitialConnect?: boolean;
  /** Random source in [0, 1) for the jitter (tests). */
  random?: () => number;
}

export declare const DEFAULT_OPTIONS: Readonly<Required<Omit<ServiceOptions, 'WebSocket' | 'token' | 'random'>>>;

export declare const ClientErrorCode: Readonly<{
  NOT_CONNECTED: 'not_connected';
  CONNECTION_LOST: 'connection_lost';
  CONNECTION_FAILED: 'connection_failed';
  DISCONNECTED: 'disconnected';
  QUEUE_FULL: 'queue_full';
  REQUEST_TIMEOUT: 'request_timeout';
  ABORTED: 'aborted';
  INVALID_ARGUMENT: 'invalid_argument';
  INVALID_ANSWER: 'invalid_answer';
}>;

export type OutputFormatValue = 'json' | 'pdf';

export declare const OutputFormat: Readonly<{
  JSON: 'json';
  PDF: 'pdf';
}>;

export interface RequestOptions {
  /** "pdf": the result also carries `searchablePdf`, the inputs with their text laid over. Default "json". */
  output?: OutputFormatValue;
}

export declare class MaoOCRError extends Error {
  constructor(code: string, message: string, details?: { requestId?: string | null; retryable?: boolean; retryAfterMs?: number | null });
  /** A server code (invalid_image, busy, timeout, …) or a ClientErrorCode. */
  readonly code: string;
  requestId: string | null;
  readonly retryable: boolean;
  /** With "busy": how long to wait before retrying. */
  readonly retryAfterMs: number | null;
}

export declare class OCRRequestData {
  /** @throws MaoOCRError invalid_argument: no input, or an output other than "json"/"pdf". */
  constructor(image: ImageInput | ImageInput[], requirements?: OCRRequirements, options?: RequestOptions);
  image: ImageInput | ImageInput[];
  requirements: OCRRequirements;
  readonly output: OutputFormatValue;
  readonly isBatch: boolean;
}

export interface SendOptions {
  onProgress?: (progress: OCRProgress) => void;
  signal?: AbortSignal;
  /** Overrides ServiceOptions.requestTimeoutMs for this request. */
  timeoutMs?: number;
}

export declare class MaoOCRWebSocketService {
  /**
   * An option left undefined keeps its default.
   * @throws MaoOCRError invalid_argument: an option of the wrong kind (named in the message: a negative or
   *   non-finite number, a fraction where a count is meant, a jitter over 1, a non-boolean switch), or no WebSocket.
   */
  constructor(url?: string, options?: ServiceOptions);
  readonly url: string;
  /** The options in effect: the defaults with the constructor's options over them. */
  readonly options: Readonly<ServiceOptions>;
  readonly status: ConnectionStatusValue;
  readonly pendingCount: number;
  isConnected(): boolean;
  /**
   * Resolves once connected. Rejects with connection_failed when the attempt fails (with retryInitialConnect:
   * when every attempt failed), or with disconnected when disconnect() comes first.
   */
  connect(): Promise<void>;
  disconnect(): void;
  /** A plain `{image, requirements, output}` object is accepted as well. */
  sendOCRRequest(request: OCRRequestData | { image: ImageInput | ImageInput[]; requirements?: OCRRequirements; output?: OutputFormatValue }, options?: SendOptions): Promise<OCRResult>;
  sendBatch(images: ImageInput[], requirements?: OCRRequirements, options?: SendOptions): Promise<OCRResult>;
  /** Called on each change of status only, never twice in a row with the same status. */
  onStatusChange(listener: (status: ConnectionStatusValue, detail: StatusDetail) => void): () => void;
  /** Called as each reconnect attempt is scheduled, with its attempt number, delay and the reason for the drop. */
  onReconnectAttempt(listener: (detail: Required<StatusDetail>) => void): () => void;
  onProgress(listener: (progress: OCRProgress) => void): () => void;
  onResult(listener: (result: OCRResult, requestId: string) => void): () => void;
  onError(listener: (error: MaoOCRError) => void): () => void;
}

export declare class MaoOCRWebSocketManager {
  getService(url?: string, options?: ServiceOptions): MaoOCRWebSocketService;
  reset(): void;
}

export declare const webSocketManager: MaoOCRWebSocketManager;

export declare function nominalBackoffMs(attempt: number, options?: Pick<ServiceOptions, 'reconnectBaseDelayMs' | 'reconnectMaxDelayMs'>): number;
export declare function backoffDelayMs(attempt: number, options?: Pick<ServiceOptions, 'reconnectBaseDelayMs' | 'reconnectMaxDelayMs' | 'reconnectJitter'>, random?: () => number): number;
export declare function encodeOCRRequest(id: string, request: OCRRequestData, binary?: boolean): Promise<string | Uint8Array>;
/** Reads a server message (text JSON, or binary: 4-byte big-endian envelope length, envelope, payload); null when unreadable. */
export declare function decodeServerMessage(raw: string | ArrayBuffer | ArrayBufferView): { message: { type: string; id?: string; data?: any }; payload: Uint8Array | null } | null;

export default MaoOCRWebSocketService;

// The JS client library (clients/js/maoocr-client.js) against the real appliance, with a
// faulty TCP proxy in between to break the network on purpose. Timers are shortened through the options;
// the tests assert what the client decided (schedules, states, answers), never how long anything took.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import WebSocket, { WebSocketServer } from 'ws';
import {
  ConnectionStatus, DEFAULT_OPTIONS, MaoOCRError, MaoOCRWebSocketManager, MaoOCRWebSocketService, OCRRequestData,
  backoffDelayMs, decodeServerMessage, nominalBackoffMs,
} from '../../clients/js/maoocr-client.js';
import { Appliance, freePort } from './support/appliance.mjs';
import { FakeAppliance } from './support/fake-appliance.mjs';
import { characterErrorRate, fixtures, until } from './support/fixtures.mjs';
import { FaultyProxy } from './support/proxy.mjs';

/** Short timers so a test runs in seconds; the defaults are asserted separately. */
const fast = { WebSocket, reconnectBaseDelayMs: 40, reconnectMaxDelayMs: 400, heartbeatIntervalMs: 60_000, connectTimeoutMs: 5_000 };

function recordStatuses(service) {
  const seen = [];
  service.onStatusChange((status, detail) => seen.push({ status, ...detail }));
  return seen;
}

function recordAttempts(service) {
  const seen = [];
  service.onReconnectAttempt((detail) => seen.push(detail));
  return seen;
}

/** Resolves when the service first reports `status`. */
function reaches(service, status) {
  return new Promise((resolve) => {
    const unsubscribe = service.onStatusChange((s) => {
      if (s !== status) return;
      unsubscribe();
      resolve();
    });
  });
}

/**
 * The "ws" WebSocket, counting what the client does with it: sockets opened, heartbeat pings sent, and the
 * pongs that came back for them.
 */
function countingWebSocket() {
  const log = { sockets: 0, pings: new Set(), pongs: 0 };
  class CountingWebSocket extends WebSocket {
    constructor(...args) {
      super(...args);
      log.sockets += 1;
      this.addEventListener('message', (event) => {
        const decoded = decodeServerMessage(event.data);
        if (decoded?.message.type === 'pong' && log.pings.has(decoded.message.id)) log.pongs += 1;
      });
    }

    send(data, ...rest) {
      const decoded = typeof data === 'string' ? decodeServerMessage(data) : null;
      if (decoded?.message.type === 'ping') log.pings.add(decoded.message.id);
      return super.send(data, ...rest);
    }
  }
  return { WebSocket: CountingWebSocket, log };
}

function assertText(expected, result) {
  const cer = characterErrorRate(expected, result.text);
  assert.ok(cer <= 0.1, `expected ${JSON.stringify(expected)}, got ${JSON.stringify(result.text)} (CER ${cer.toFixed(2)})`);
}

/** Runs `body` with a fresh stand-in appliance and a client for it; both are closed afterwards, whatever happens. */
async function withFake(options, body) {
  const fake = await FakeAppliance.start();
  const service = new MaoOCRWebSocketService(fake.wsUrl, options);
  try {
    return await body(fake, service);
  } finally {
    service.disconnect();
    await fake.stop();
  }
}

describe('reconnect backoff', () => {
  test('defaults are the protocol\'s: heartbeat 30 s, backoff 1 s doubling to 30 s, 5 attempts, ±20% jitter', () => {
    assert.equal(DEFAULT_OPTIONS.heartbeatIntervalMs, 30_000);
    assert.equal(DEFAULT_OPTIONS.pongTimeoutMs, 30_000);
    assert.equal(DEFAULT_OPTIONS.reconnectBaseDelayMs, 1_000);
    assert.equal(DEFAULT_OPTIONS.reconnectMaxDelayMs, 30_000);
    assert.equal(DEFAULT_OPTIONS.maxReconnectAttempts, 5);
    assert.equal(DEFAULT_OPTIONS.reconnectJitter, 0.2);
    // The schedule is for reconnects; the first connect() is not retried unless asked.
    assert.equal(DEFAULT_OPTIONS.retryInitialConnect, false);
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((n) => nominalBackoffMs(n)), [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  test('an option of the wrong kind is refused, naming it; an option left undefined keeps its default', () => {
    const make = (options) => new MaoOCRWebSocketService('ws://127.0.0.1:9/ws/ocr', { WebSocket, ...options });
    for (const [options, name] of [
      [{ retryInitialConnect: 'false' }, 'retryInitialConnect'], [{ resendInFlight: 1 }, 'resendInFlight'],
      [{ reconnectJitter: 2 }, 'reconnectJitter'], [{ reconnectMaxDelayMs: -1 }, 'reconnectMaxDelayMs'],
      [{ heartbeatIntervalMs: Number.NaN }, 'heartbeatIntervalMs'], [{ maxReconnectAttempts: 2.5 }, 'maxReconnectAttempts'],
      [{ requestTimeoutMs: '5000' }, 'requestTimeoutMs'], [{ random: 0.5 }, 'random'],
    ]) {
      assert.throws(() => make(options), (e) => e instanceof MaoOCRError && e.code === 'invalid_argument' && e.message.includes(`Option ${name} `),
        JSON.stringify(options));
    }
    const service = make({ reconnectMaxDelayMs: undefined, retryInitialConnect: true, requestTimeoutMs: 0 });
    assert.equal(service.options.reconnectMaxDelayMs, 30_000);
    assert.equal(service.options.retryInitialConnect, true);
    assert.equal(service.options.requestTimeoutMs, 0);
  });

  test('jitter stays within ±jitter of the nominal delay, reaching both ends, and never past the 30 s cap', () => {
    const cap = DEFAULT_OPTIONS.reconnectMaxDelayMs;
    for (let attempt = 1; attempt <= 7; attempt++) {
      const nominal = nominalBackoffMs(attempt);
      assert.equal(backoffDelayMs(attempt, {}, () => 0), Math.round(nominal * 0.8));
      assert.equal(backoffDelayMs(attempt, {}, () => 0.5), nominal);
      assert.equal(backoffDelayMs(attempt, {}, () => 1 - 1e-12), Math.min(cap, Math.round(nominal * 1.2)), `attempt ${attempt}`);
      for (let i = 0; i < 50; i++) {
        const delay = backoffDelayMs(attempt);
        assert.ok(delay >= nominal * 0.8 - 1 && delay <= Math.min(cap, nominal * 1.2 + 1), `attempt ${attempt}: ${delay} ms`);
      }
    }
    // At the cap +20% would be 36 s; and a cap that is not a power of two is held as well (4 s nominal, 4.8 s jittered).
    assert.equal(backoffDelayMs(6, {}, () => 1 - 1e-12), 30_000);
    assert.equal(backoffDelayMs(3, { reconnectBaseDelayMs: 1_000, reconnectMaxDelayMs: 4_500 }, () => 1 - 1e-12), 4_500);
  });
});

/** A message in the binary form the searchable PDF comes in: envelope length (4 bytes, big-endian), envelope, payload. */
function binaryMessage(envelope, payload) {
  const json = Buffer.from(JSON.stringify(envelope));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([length, json, Buffer.from(payload)]);
}

describe('binary server messages', () => {
  test('decodeServerMessage reads text and binary messages and returns null for anything malformed', () => {
    const complete = { type: 'ocr_complete', id: 's-1', data: { request_id: 'r-1', output: 'pdf', pdf_bytes: 3 } };
    const decoded = decodeServerMessage(new Uint8Array(binaryMessage(complete, [0x25, 0x50, 0x44])).buffer);
    assert.deepEqual(decoded.message, complete);
    assert.deepEqual([...decoded.payload], [0x25, 0x50, 0x44]);
    assert.deepEqual(decodeServerMessage(JSON.stringify(complete)), { message: complete, payload: null });
    // A JSON message that arrived in a binary frame is still JSON.
    assert.deepEqual(decodeServerMessage(Buffer.from(JSON.stringify(complete))).message, complete);
    for (const bad of [new Uint8Array(0), new Uint8Array([0, 0, 1]), new Uint8Array([0xff, 0xff, 0xff, 0xff, 1]),
      new Uint8Array([0, 0, 0, 3, 0x61, 0x62, 0x63]), binaryMessage([1, 2], []), '', 'null', '{"no":"type"}', 42, null]) {
      assert.equal(decodeServerMessage(bad), null, `${JSON.stringify(bad)}`);
    }
  });

  test('a malformed binary message breaks neither the connection nor the other requests', async () => {
    // A stand-in appliance over a real WebSocket: it answers the first request with malformed binary messages and
    // a PDF shorter than announced, the second with a well-formed binary answer.
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    const requests = [];
    server.on('connection', (socket) => socket.on('message', (raw, isBinary) => {
      if (!isBinary) return; // pings
      const { message } = decodeServerMessage(new Uint8Array(raw));
      requests.push(message);
      if (requests.length < 2) return;
      const [first, second] = requests.map((r) => r.id);
      socket.send(Buffer.from([0xde, 0xad]));
      socket.send(Buffer.from([0, 0, 0, 200, 0x7b]));
      socket.send(Buffer.from([0, 0, 0, 2, 0x7b, 0x7b, 1, 2]));
      socket.send(binaryMessage({ type: 'ocr_complete', id: 's-1', data: { request_id: first, cached: false, text: 'x', output: 'pdf', pdf_bytes: 999 } }, [1, 2, 3]));
      socket.send(binaryMessage({ type: 'ocr_complete', id: 's-2', data: { request_id: second, cached: false, text: 'y', output: 'pdf', pdf_bytes: 8 } },
        Buffer.from('%PDF-1.7')));
    }));
    const service = new MaoOCRWebSocketService(`ws://127.0.0.1:${server.address().port}/ws/ocr`, fast);
    const statuses = recordStatuses(service);
    try {
      await service.connect();
      const short = service.sendOCRRequest(new OCRRequestData(new Uint8Array([1]), {}, { output: 'pdf' }));
      const whole = service.sendOCRRequest({ image: new Uint8Array([2]), output: 'pdf' });
      await assert.rejects(short, (e) => e instanceof MaoOCRError && e.code === 'invalid_answer' && /999/.test(e.message));
      const result = await whole;
      assert.equal(result.text, 'y');
      assert.ok(result.searchablePdf instanceof Blob);
      assert.equal(result.searchablePdf.type, 'application/pdf');
      assert.equal(await result.searchablePdf.text(), '%PDF-1.7');
      assert.deepEqual(requests.map((r) => r.data.output), ['pdf', 'pdf']);
      assert.equal(service.status, ConnectionStatus.CONNECTED);
      assert.deepEqual(statuses.map((s) => s.status), ['connecting', 'connected']);
      assert.equal(service.pendingCount, 0);
    } finally {
      service.disconnect();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('output is json or pdf', () => {
    assert.throws(() => new OCRRequestData(new Uint8Array([1]), {}, { output: 'docx' }), (e) => e.code === 'invalid_argument');
    assert.equal(new OCRRequestData(new Uint8Array([1])).output, 'json');
  });
});

describe('connecting and reconnecting (a stand-in appliance)', () => {
  test('connect() makes one attempt by default: no appliance means error at once, and requests made meanwhile fail', async () => {
    const url = `ws://127.0.0.1:${await freePort()}/ws/ocr`;
    const { WebSocket: CountingWebSocket, log } = countingWebSocket();
    const service = new MaoOCRWebSocketService(url, { ...fast, WebSocket: CountingWebSocket });
    const statuses = recordStatuses(service);
    const attempts = recordAttempts(service);
    const connecting = service.connect();
    const queued = service.sendOCRRequest(new OCRRequestData(new Uint8Array([1])));

    await assert.rejects(connecting, (e) => e instanceof MaoOCRError && e.code === 'connection_failed' && e.message.includes(url));
    await assert.rejects(queued, (e) => e.code === 'connection_failed');
    assert.equal(service.status, ConnectionStatus.ERROR);
    assert.deepEqual(statuses.map((s) => s.status), ['connecting', 'error']);
    assert.deepEqual(attempts, []);
    assert.equal(log.sockets, 1);
    assert.equal(service.pendingCount, 0);
  });

  test('retryInitialConnect: connect() retries on the backoff schedule and resolves once the appliance is up', async () => {
    const port = await freePort();
    const service = new MaoOCRWebSocketService(`ws://127.0.0.1:${port}/ws/ocr`, { ...fast, retryInitialConnect: true });
    const statuses = recordStatuses(service);
    const attempts = recordAttempts(service);
    let fake = null;
    try {
      // The appliance comes up once the first retry is scheduled.
      await Promise.all([service.connect(), reaches(service, 'reconnecting').then(async () => { fake = await FakeAppliance.start(port); })]);
      assert.equal(service.status, ConnectionStatus.CONNECTED);
      assert.deepEqual(statuses.map((s) => s.status), ['connecting', 'reconnecting', 'connected']);
      assert.ok(attempts.length >= 1 && attempts[0].attempt === 1, JSON.stringify(attempts));
      assert.equal(fake.connections, 1);
    } finally {
      service.disconnect();
      await fake?.stop();
    }
  });

  test('a status is reported only when it changes; each reconnect attempt is reported on its own', async () => {
    await withFake({ ...fast, maxReconnectAttempts: 3 }, async (fake, service) => {
      const statuses = recordStatuses(service);
      const attempts = recordAttempts(service);
      await service.connect();
      const failed = reaches(service, 'error');
      await fake.refuse();
      await failed;
      assert.deepEqual(statuses.map((s) => s.status), ['connecting', 'connected', 'reconnecting', 'error']);
      assert.deepEqual(attempts.map((a) => a.attempt), [1, 2, 3]);
      assert.ok(attempts.every((a) => a.delayMs > 0 && typeof a.reason === 'string'), JSON.stringify(attempts));
      // The change to reconnecting carries the first attempt.
      assert.deepEqual({ ...statuses[2], status: undefined }, { ...attempts[0], status: undefined });

      // connect() again after error: one more change each, never a repeat.
      await fake.listen();
      await service.connect();
      assert.deepEqual(statuses.map((s) => s.status), ['connecting', 'connected', 'reconnecting', 'error', 'connecting', 'connected']);
    });
  });

  test('the reconnect delay with the most jitter still never passes reconnectMaxDelayMs', async () => {
    const fake = await FakeAppliance.start();
    // The random source at its top: every delay gets the full +20%.
    const service = new MaoOCRWebSocketService(fake.wsUrl,
      { ...fast, reconnectBaseDelayMs: 40, reconnectMaxDelayMs: 100, maxReconnectAttempts: 4, random: () => 1 - 1e-12 });
    const attempts = recordAttempts(service);
    try {
      await service.connect();
      const failed = reaches(service, 'error');
      await fake.refuse();
      await failed;
      // Nominal 40, 80, 100, 100; +20%: 48, 96, then 120 held to 100.
      assert.deepEqual(attempts.map((a) => a.delayMs), [48, 96, 100, 100]);
    } finally {
      service.disconnect();
      await fake.stop();
    }
  });

  test('requests resent after a drop go out in the order they were made, ahead of requests made later', async () => {
    const fake = await FakeAppliance.start();
    const service = new MaoOCRWebSocketService(fake.wsUrl, fast);
    let release;
    const reading = new Promise((resolve) => { release = resolve; });
    /** A Blob still being read (a large photo from a phone) until the test releases it. */
    class SlowBlob extends Blob {
      async arrayBuffer() {
        await reading;
        return super.arrayBuffer();
      }
    }
    try {
      await service.connect();
      // 1 goes out and is held unanswered; 2 is still being read when the link drops; 3 waits behind 2.
      const answers = [service.sendOCRRequest(new OCRRequestData(new Uint8Array([1])))];
      await until(() => fake.requests.length === 1, 'the first request on the wire', 10_000);
      answers.push(service.sendOCRRequest(new OCRRequestData(new SlowBlob([new Uint8Array([2])]))));
      answers.push(service.sendOCRRequest(new OCRRequestData(new Uint8Array([3]))));

      const dropped = reaches(service, 'reconnecting');
      fake.answering = true;
      fake.dropAll();
      await dropped;
      release();

      assert.deepEqual((await Promise.all(answers)).map((a) => a.text), ['1', '2', '3']);
      assert.deepEqual(fake.requests.filter((r) => r.connection === 1).map((r) => r.bytes), [[1]]);
      assert.deepEqual(fake.requests.filter((r) => r.connection === 2).map((r) => r.bytes), [[1], [2], [3]]);
    } finally {
      release();
      service.disconnect();
      await fake.stop();
    }
  });
  test('requests a stopping appliance refuses with resend are sent again on the next connection, in order, and never fail', async () => {
    await withFake(fast, async (fake, service) => {
      const errors = [];
      service.onError((e) => errors.push(e));
      await service.connect();
      // Both are refused busy with resend; the connection then closes with 1001 and the second one answers them.
      fake.answering = true;
      fake.goAway(2);
      const answers = [1, 2].map((b) => service.sendOCRRequest(new OCRRequestData(new Uint8Array([b]))));

      assert.deepEqual((await Promise.all(answers)).map((a) => a.text), ['1', '2']);
      assert.deepEqual(errors, []);
      assert.deepEqual(fake.requests.filter((r) => r.connection === 1).map((r) => r.bytes), [[1], [2]]);
      assert.deepEqual(fake.requests.filter((r) => r.connection === 2).map((r) => r.bytes), [[1], [2]]);
      assert.equal(service.pendingCount, 0);
    });
  });

  test('a refusal with resend is resent even with resendInFlight off; a busy without resend still fails the request', async () => {
    await withFake({ ...fast, resendInFlight: false }, async (fake, service) => {
      await service.connect();
      fake.answering = true;
      fake.goAway(1);
      assert.equal((await service.sendOCRRequest(new OCRRequestData(new Uint8Array([7])))).text, '7');

      // A full queue is not going away: the app is told, as before.
      fake.goAway(1, { resend: false });
      await assert.rejects(service.sendOCRRequest(new OCRRequestData(new Uint8Array([8]))),
        (e) => e instanceof MaoOCRError && e.code === 'busy' && e.retryable === true);
    });
  });
  test('a refusal with resend whose 1001 never comes still ends at the request timeout', async () => {
    await withFake(fast, async (fake, service) => {
      await service.connect();
      fake.goAway(1, { close: false });
      await assert.rejects(service.sendOCRRequest(new OCRRequestData(new Uint8Array([9])), { timeoutMs: 300 }),
        (e) => e instanceof MaoOCRError && e.code === 'request_timeout');
      assert.equal(service.pendingCount, 0);
      assert.equal(fake.connections, 1);
    });
  });
  test('a refusal with resend for a request the app already gave up on reaches the app as nothing', async () => {
    await withFake(fast, async (fake, service) => {
      const errors = [];
      service.onError((e) => errors.push(e));
      await service.connect();
      fake.goAway(1, { close: false, delayMs: 400 });
      await assert.rejects(service.sendOCRRequest(new OCRRequestData(new Uint8Array([9])), { timeoutMs: 100 }),
        (e) => e instanceof MaoOCRError && e.code === 'request_timeout');
      // The late refusal (sent 400 ms after the request, on loopback) has arrived by now.
      await new Promise((r) => setTimeout(r, 800));
      assert.deepEqual(errors.filter((e) => e.code !== 'request_timeout').map((e) => e.message), []);
    });
  });
});

describe('against the appliance', () => {
  let appliance;
  let images;

  before(async () => {
    images = fixtures();
    appliance = await Appliance.start();
  });

  after(async () => {
    await appliance?.stop();
  });

  test('retryInitialConnect: a refused appliance is retried on the backoff schedule, then the client reports error and fails queued requests', async () => {
    const proxy = await FaultyProxy.start(appliance.port);
    await proxy.refuse();
    const service = new MaoOCRWebSocketService(proxy.wsUrl, { ...fast, maxReconnectAttempts: 5, retryInitialConnect: true });
    const statuses = recordStatuses(service);
    const attempts = recordAttempts(service);
    const connecting = service.connect();
    const queued = service.sendOCRRequest(new OCRRequestData(images.alpha.bytes()));

    const failure = await connecting.then(() => null, (e) => e);
    assert.ok(failure instanceof MaoOCRError);
    assert.equal(failure.code, 'connection_failed');
    await assert.rejects(queued, (e) => e.code === 'connection_failed' && /after 5 reconnect attempts/.test(e.message));
    assert.equal(service.status, ConnectionStatus.ERROR);

    assert.deepEqual(attempts.map((s) => s.attempt), [1, 2, 3, 4, 5]);
    attempts.forEach((s, i) => {
      const nominal = Math.min(400, 40 * 2 ** i);
      assert.ok(s.delayMs >= nominal * 0.8 - 1 && s.delayMs <= Math.min(400, nominal * 1.2 + 1), `attempt ${s.attempt}: ${s.delayMs} ms, nominal ${nominal}`);
    });
    assert.deepEqual(statuses.map((s) => s.status), ['connecting', 'reconnecting', 'error']);
    await proxy.stop();
  });

  test('answers are matched to their requests by id, with progress per request, in binary and base64 form', async () => {
    const service = new MaoOCRWebSocketService(appliance.wsUrl, fast);
    await service.connect();
    const progress = [];
    service.onProgress((p) => progress.push(p));
    const fromResultListener = new Map();
    service.onResult((result, id) => fromResultListener.set(id, result));

    const perRequest = { alpha: [], bravo: [], charlie: [] };
    const send = (name, binary) => service.sendOCRRequest(new OCRRequestData(binary ? images[name].bytes() : Buffer.from(images[name].bytes()).toString('base64'), { language: 'en' }),
      { onProgress: (p) => perRequest[name].push(p) });
    const [alpha, bravo, charlie] = await Promise.all([send('alpha', true), send('bravo', false), send('charlie', true)]);

    assertText(images.alpha.text, alpha);
    assertText(images.bravo.text, bravo);
    assertText(images.charlie.text, charlie);
    const ids = [alpha.request_id, bravo.request_id, charlie.request_id];
    assert.equal(new Set(ids).size, 3);
    for (const [name, result] of [['alpha', alpha], ['bravo', bravo], ['charlie', charlie]]) {
      const own = perRequest[name];
      assert.ok(own.length >= 2, `${name} got ${own.length} progress events`);
      assert.ok(own.every((p) => p.requestId === result.request_id), `${name}'s progress carries another request's id`);
      assert.equal(own[0].stage, 'queued');
      const values = own.map((p) => p.progress);
      assert.deepEqual(values, [...values].sort((a, b) => a - b), `${name}'s progress went back: ${values}`);
      assert.equal(fromResultListener.get(result.request_id), result);
      assert.equal(result.lines.length, 1);
      assert.equal(result.lines[0].box.length, 4);
    }
    assert.equal(progress.length, perRequest.alpha.length + perRequest.bravo.length + perRequest.charlie.length);
    assert.equal(service.pendingCount, 0);
    service.disconnect();
  });

  test('a batch comes back as one answer with one result per image, in order', async () => {
    const service = new MaoOCRWebSocketService(appliance.wsUrl, fast);
    await service.connect();
    const batch = await service.sendBatch([images.charlie.bytes(), new Blob([images.alpha.bytes()])], { language: 'en' });
    assert.equal(batch.results.length, 2);
    assertText(images.charlie.text, batch.results[0]);
    assertText(images.alpha.text, batch.results[1]);
    service.disconnect();
  });

  test('a bad image fails its own request with the server\'s code; the connection keeps serving', async () => {
    const service = new MaoOCRWebSocketService(appliance.wsUrl, fast);
    await service.connect();
    const errors = [];
    service.onError((e) => errors.push(e));
    const bad = service.sendOCRRequest(new OCRRequestData(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])));
    const good = service.sendOCRRequest(new OCRRequestData(images.bravo.bytes()));
    await assert.rejects(bad, (e) => e instanceof MaoOCRError && ['invalid_image', 'unsupported_format'].includes(e.code) && e.retryable === false && e.message.length > 0);
    assertText(images.bravo.text, await good);
    assert.equal(errors.length, 1);
    assert.equal(service.status, ConnectionStatus.CONNECTED);
    service.disconnect();
  });

  test('heartbeat: pongs keep the connection; a frozen link misses its pong and the client reconnects', async () => {
    const proxy = await FaultyProxy.start(appliance.port);
    const heartbeat = { heartbeatIntervalMs: 250, pongTimeoutMs: 1_000 };
    const { WebSocket: CountingWebSocket, log } = countingWebSocket();
    const service = new MaoOCRWebSocketService(proxy.wsUrl, { ...fast, ...heartbeat, WebSocket: CountingWebSocket });
    const statuses = recordStatuses(service);
    await service.connect();
    // Pongs from the real server for twice the pong timeout: a client that did not take its pongs into account
    // would have dropped this connection by then, so it still being the first one shows the pongs kept it.
    const pongsPastTimeout = (2 * heartbeat.pongTimeoutMs) / heartbeat.heartbeatIntervalMs;
    await until(() => log.pongs >= pongsPastTimeout, `${pongsPastTimeout} pongs`, 30_000);
    assert.equal(log.sockets, 1);
    assert.equal(proxy.accepted, 1);
    assert.ok(service.isConnected());
    assert.deepEqual(statuses.map((s) => s.status), ['connecting', 'connected']);
    service.disconnect();

    const watched = new MaoOCRWebSocketService(proxy.wsUrl, { ...fast, heartbeatIntervalMs: 100, pongTimeoutMs: 300 });
    const watchedStatuses = recordStatuses(watched);
    await watched.connect();
    proxy.freezeOpen();
    await until(() => watchedStatuses.some((s) => s.status === 'reconnecting'), 'reconnecting after a missed pong');
    assert.match(watchedStatuses.find((s) => s.status === 'reconnecting').reason, /no pong/);
    await until(() => watched.isConnected(), 'connected again');
    assert.ok(proxy.accepted >= 3, `${proxy.accepted} connections`);
    assertText(images.alpha.text, await watched.sendOCRRequest(new OCRRequestData(images.alpha.bytes())));
    watched.disconnect();
    await proxy.stop();
  });

  test('requests sent while reconnecting wait and go out after the reconnect; one in flight at the drop is resent', async () => {
    const proxy = await FaultyProxy.start(appliance.port);
    const service = new MaoOCRWebSocketService(proxy.wsUrl, { ...fast, reconnectBaseDelayMs: 200, reconnectMaxDelayMs: 2_000 });
    const statuses = recordStatuses(service);
    await service.connect();

    // In flight when the network drops.
    let received = false;
    const inFlight = service.sendOCRRequest(new OCRRequestData(images.charlie.bytes()), { onProgress: () => { received = true; } });
    await until(() => received, 'the server to take the request');
    await proxy.refuse();
    await until(() => service.status === ConnectionStatus.RECONNECTING, 'reconnecting');

    // Sent while reconnecting: held by the client, not lost and not failed.
    const waiting = service.sendOCRRequest(new OCRRequestData(images.bravo.bytes()));
    assert.equal(service.pendingCount, 2);
    await proxy.resume();

    const [charlie, bravo] = await Promise.all([inFlight, waiting]);
    assertText(images.charlie.text, charlie);
    assertText(images.bravo.text, bravo);
    assert.equal(service.status, ConnectionStatus.CONNECTED);
    assert.ok(statuses.some((s) => s.status === 'reconnecting' && s.attempt === 1));
    assert.equal(statuses.at(-1).status, 'connected');
    service.disconnect();
    await proxy.stop();
  });

  test('a scanned PDF comes back page by page, in order, with progress naming the page', async () => {
    const service = new MaoOCRWebSocketService(appliance.wsUrl, fast);
    await service.connect();
    const progress = [];
    const scan = images.scan;
    const result = await service.sendOCRRequest(new OCRRequestData(new Blob([scan.bytes()], { type: 'application/pdf' }), { language: 'en' }),
      { onProgress: (p) => progress.push(p) });
    assert.equal(result.page_count, 2);
    assert.deepEqual(result.pages.map((p) => p.page), [1, 2]);
    result.pages.forEach((page, i) => {
      assert.equal(page.source, 'ocr');
      assertText(scan.pages[i].text, page);
      assert.equal(page.lines.length, scan.pages[i].lines.length, `page ${i + 1}: ${JSON.stringify(page.lines.map((l) => l.text))}`);
      assert.ok(page.width > 0 && page.height > 0 && page.width_pt > 0 && page.dpi > 0);
    });
    assertText(scan.text, result);
    const paged = progress.filter((p) => p.page !== undefined);
    assert.ok(paged.length > 0, `no progress named a page: ${JSON.stringify(progress)}`);
    assert.ok(paged.every((p) => p.pages === 2 && p.page >= 1 && p.page <= 2), JSON.stringify(paged));
    assert.ok(paged.some((p) => p.page === 2), JSON.stringify(paged));
    const pages = paged.map((p) => p.page);
    assert.deepEqual(pages, [...pages].sort((a, b) => a - b), `pages went back: ${pages}`);
    const values = progress.map((p) => p.progress);
    assert.deepEqual(values, [...values].sort((a, b) => a - b), `progress went back: ${values}`);
    service.disconnect();
  });

  test('a text-layer PDF is read from its text layer, and by OCR with force_ocr', async () => {
    const service = new MaoOCRWebSocketService(appliance.wsUrl, fast);
    await service.connect();
    const digital = images.digital;
    const fromLayer = await service.sendOCRRequest(new OCRRequestData(digital.bytes(), { language: 'en' }));
    assert.deepEqual(fromLayer.pages.map((p) => p.source), ['text_layer']);
    assertText(digital.text, fromLayer);
    const byOcr = await service.sendOCRRequest(new OCRRequestData(digital.bytes(), { language: 'en', force_ocr: true }));
    assert.deepEqual(byOcr.pages.map((p) => p.source), ['ocr']);
    assertText(digital.text, byOcr);
    service.disconnect();
  });

  test('output pdf: the searchable PDF arrives as a Blob of pdf_bytes bytes, for a PDF and for an image', async () => {
    const service = new MaoOCRWebSocketService(appliance.wsUrl, fast);
    await service.connect();
    for (const input of [images.scan, images.alpha]) {
      const result = await service.sendOCRRequest(new OCRRequestData(input.bytes(), { language: 'en' }, { output: 'pdf' }));
      assertText(input.text, result);
      assert.equal(result.output, 'pdf');
      assert.ok(result.searchablePdf instanceof Blob, input.name);
      assert.equal(result.searchablePdf.type, 'application/pdf');
      assert.equal(result.searchablePdf.size, result.pdf_bytes);
      const head = Buffer.from(await result.searchablePdf.slice(0, 5).arrayBuffer()).toString('latin1');
      assert.equal(head, '%PDF-', input.name);
    }
    // Text requests on the same connection still come back as JSON.
    const plain = await service.sendOCRRequest(new OCRRequestData(images.bravo.bytes(), { language: 'en' }));
    assertText(images.bravo.text, plain);
    assert.equal(plain.searchablePdf, undefined);
    assert.equal(service.status, ConnectionStatus.CONNECTED);
    service.disconnect();
  });

  test('disconnect() fails unanswered requests, never reconnects, and a new request asks for connect()', async () => {
    const service = new MaoOCRWebSocketService(appliance.wsUrl, fast);
    await service.connect();
    const statuses = recordStatuses(service);
    const pending = service.sendOCRRequest(new OCRRequestData(images.alpha.bytes()));
    service.disconnect();
    await assert.rejects(pending, (e) => e.code === 'disconnected');
    await assert.rejects(service.sendOCRRequest(new OCRRequestData(images.alpha.bytes())), (e) => e.code === 'not_connected' && /connect\(\)/.test(e.message));
    await assert.rejects(service.sendOCRRequest({ requirements: {} }), (e) => e.code === 'invalid_argument');
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(statuses.map((s) => s.status), ['disconnected']);
  });

  test('listeners unsubscribe, and the manager hands out one service per URL', async () => {
    const manager = new MaoOCRWebSocketManager();
    const service = manager.getService(appliance.wsUrl, fast);
    assert.equal(manager.getService(appliance.wsUrl), service);
    assert.notEqual(manager.getService(`${appliance.wsUrl}?other`, fast), service);
    const seen = [];
    const unsubscribe = service.onStatusChange((s) => seen.push(s));
    await service.connect();
    unsubscribe();
    manager.reset();
    assert.deepEqual(seen, ['connecting', 'connected']);
    assert.equal(service.status, ConnectionStatus.DISCONNECTED);
  });
});

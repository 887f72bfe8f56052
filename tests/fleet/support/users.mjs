// The load: users of the JS client (one WebSocket each, through the balancer), a REST user, and the .NET SDK's
// users (tests/MaoOcr.Fleet.Driver, a child process). Each sends one image at a time until told to stop.
// Reconnecting, and resending what a dropped connection left unanswered or a stopping appliance refused with
// `resend`, is the clients' own work: a WebSocket user retries nothing, and any error that reaches it (a `busy`
// included) is one its app would show. Only the REST user sends `busy` again after Retry-After, as the protocol asks
// of a REST caller (docs/protocol.md); the balancer should keep even that from reaching it.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import readline from 'node:readline';
import { MaoOCRWebSocketService } from '../../../clients/js/maoocr-client.js';
import { repoRoot, sleep } from './appliances.mjs';
import { Ledger } from './ledger.mjs';

const require = createRequire(import.meta.url);
// The "ws" package the webclient tests install (Node 20 has no WebSocket of its own).
export const WebSocket = require('../../webclient/node_modules/ws');

/** A request unanswered this long after "stop" counts as never answered: a failure guard only. */
const ANSWER_GUARD_MS = 90_000;
/** When a REST busy comes without Retry-After. */
const DEFAULT_BUSY_WAIT_MS = 1_000;

/**
 * The "ws" WebSocket with a tap on what arrives: every final message (ocr_complete, or ocr_error without `resend`) is
 * counted per request id as it comes off the wire, before the client could drop a second one for an id it no longer
 * waits for. So "nothing is answered twice" is checked on what the appliances sent, not on what the client passed on.
 */
function tappedWebSocket(ledger) {
  return class TappedWebSocket extends WebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string' && !Buffer.isBuffer(event.data)) return;
        let message;
        try { message = JSON.parse(event.data.toString()); } catch { return; }
        const final = message?.type === 'ocr_complete' || (message?.type === 'ocr_error' && message.data?.resend !== true);
        if (final && typeof message.data?.request_id === 'string') ledger.finalMessage(message.data.request_id);
      });
    }
  };
}

export class JsUsers {
  constructor(url, token, images, count) {
    this.ledger = new Ledger();
    this.stopped = false;
    const TappedWebSocket = tappedWebSocket(this.ledger);
    this.services = Array.from({ length: count }, () => new MaoOCRWebSocketService(url, { WebSocket: TappedWebSocket, token }));
    this.images = images;
    this.runs = [];
  }

  async start() {
    for (const [i, service] of this.services.entries()) {
      service.reconnects = 0;
      service.onStatusChange((status) => { if (status === 'reconnecting') { this.ledger.reconnects++; service.reconnects++; } });
      await service.connect();
      this.runs.push(this.#run(`js-${i + 1}`, service));
    }
  }

  async #run(name, service) {
    for (let n = 0; !this.stopped; n++) {
      const image = this.images[n % this.images.length];
      const requestName = `${name}-${n}`;
      this.ledger.requests++;
      const reconnectsBefore = service.reconnects;
      try {
        const result = await service.sendOCRRequest({ image: image.bytes() }, { timeoutMs: ANSWER_GUARD_MS });
        this.ledger.answer(requestName, result.request_id, image, result.text);
        if (service.reconnects !== reconnectsBefore) this.ledger.answeredAcrossReconnect++;
      } catch (e) {
        // A stopping appliance's refusal comes with resend and never gets here; a busy that does is the app's to show.
        if (e.code === 'request_timeout') this.ledger.unanswered.push(requestName);
        else this.ledger.errors.push(`${requestName}: ${e.code}: ${e.message}`);
      }
    }
  }

  get answered() { return this.ledger.answered; }

  async stop() {
    this.stopped = true;
    await Promise.all(this.runs);
    for (const service of this.services) service.disconnect();
    return this.ledger.summary(true);
  }
}

/** POST /api/ocr in loops, one request at a time each, as scripts or other servers would call it. */
export class RestUsers {
  constructor(httpUrl, token, images, count) {
    this.ledger = new Ledger();
    this.stopped = false;
    this.url = `${httpUrl}/api/ocr`;
    this.token = token;
    this.images = images;
    this.count = count;
  }

  start() { this.runs = Array.from({ length: this.count }, (_, i) => this.#run(`rest-${i + 1}`)); }

  async #run(name) {
    for (let n = 0; !this.stopped; n++) {
      const image = this.images[n % this.images.length];
      const requestName = `${name}-${n}`;
      while (true) {
        this.ledger.requests++;
        try {
          const response = await fetch(this.url, {
            method: 'POST', body: image.bytes(), signal: AbortSignal.timeout(ANSWER_GUARD_MS),
            headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${this.token}` },
          });
          const body = await response.text();
          if (response.status === 503 && JSON.parse(body).code === 'busy') {
            this.ledger.busyRetries++;
            await sleep(Number(response.headers.get('retry-after') ?? 0) * 1000 || DEFAULT_BUSY_WAIT_MS);
            continue;
          }
          if (!response.ok) { this.ledger.errors.push(`${requestName}: HTTP ${response.status}: ${body.slice(0, 200)}`); break; }
          const result = JSON.parse(body);
          this.ledger.answer(requestName, result.request_id, image, result.text);
        } catch (e) {
          if (e.name === 'TimeoutError') this.ledger.unanswered.push(requestName);
          else this.ledger.errors.push(`${requestName}: ${e.cause?.code ?? e.message}`);
        }
        break;
      }
    }
  }

  get answered() { return this.ledger.answered; }

  async stop() {
    this.stopped = true;
    await Promise.all(this.runs);
    return this.ledger.summary(false);
  }
}

/** The .NET SDK's users: tests/MaoOcr.Fleet.Driver, built by fleet.sh. */
export class DotnetUsers {
  constructor(wsUrl, token, fixturesDir, count, logStream) {
    this.args = ['--url', wsUrl, '--token', token, '--fixtures', fixturesDir, '--clients', String(count)];
    this.answered = 0;
    this.logStream = logStream;
  }

  start() {
    const dll = `${repoRoot}/tests/MaoOcr.Fleet.Driver/bin/Release/net10.0/MaoOcr.Fleet.Driver.dll`;
    this.child = spawn('dotnet', [dll, ...this.args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.pipe(this.logStream, { end: false });
    this.summary = new Promise((resolve, reject) => {
      let summary = null;
      readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
        if (line.startsWith('answered ')) this.answered = Number(line.slice(9));
        else if (line.startsWith('summary ')) summary = JSON.parse(line.slice(8));
        else this.logStream.write(`${line}\n`);
      });
      this.child.once('exit', (code) => (summary ? resolve(summary) : reject(new Error(`the .NET driver exited (${code}) without a summary`))));
    });
  }

  async stop() {
    this.child.stdin.end('stop\n');
    return this.summary;
  }
}

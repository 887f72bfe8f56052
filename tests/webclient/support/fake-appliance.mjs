// A stand-in appliance over a real WebSocket (the "ws" package), for what the real one cannot be made to do on
// cue: hold requests unanswered, drop every link at once, refuse connections and come back on the same port.
// It speaks just enough of the protocol: pings get pongs, and requests are recorded and, once `answering` is
// set, answered with their image bytes as the text ("1,2" for the bytes 1 and 2).
import WebSocket, { WebSocketServer } from 'ws';
import { decodeServerMessage } from '../../../clients/js/maoocr-client.js';

export class FakeAppliance {
  /** @param {number} port 0: any free port, kept across refuse() and listen() */
  constructor(port = 0) {
    this.port = port;
    this.server = null;
    /** Connections accepted so far; a request carries the number of the connection it came on (1-based). */
    this.connections = 0;
    /** Every ocr_request received, in order: {connection, id, bytes}. */
    this.requests = [];
    /** Whether requests are answered; while false they are held unanswered. */
    this.answering = false;
    /**
     * Set by goAway(): the next requests are refused busy, as a stopping appliance refuses them, and once they all are,
     * their connection closes with 1001. {left, resend}, or null.
     */
    this.goingAway = null;
    this.sockets = new Set();
  }

  static async start(port = 0) {
    const fake = new FakeAppliance(port);
    await fake.listen();
    return fake;
  }

  get wsUrl() {
    return `ws://127.0.0.1:${this.port}/ws/ocr`;
  }

  /** Accepts connections (again). */
  async listen() {
    const server = new WebSocketServer({ host: '127.0.0.1', port: this.port });
    await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
    this.server = server;
    this.port = server.address().port;
    server.on('connection', (socket) => this._serve(socket, ++this.connections));
  }

  /** Ends every open link at once, without a close handshake, as a dropped network does. */
  dropAll() {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
  }

  /** Stops listening (new connections are refused) and drops the open ones. */
  async refuse() {
    const server = this.server;
    this.server = null;
    this.dropAll();
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  /**
   * Acts as a stopping appliance: the next `count` requests are answered ocr_error busy (with data.resend unless
   * `resend` is false), and then the connection they came on closes with 1001 (unless `close` is false: a stop that
   * hangs). `delayMs`: each refusal comes that much later (after the client gave up on the request, say).
   */
  goAway(count, { resend = true, close = true, delayMs = 0 } = {}) {
    this.goingAway = { left: count, resend, close, delayMs };
  }

  async stop() {
    await this.refuse();
  }

  _serve(socket, connection) {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('message', (raw, isBinary) => {
      const decoded = decodeServerMessage(isBinary ? new Uint8Array(raw) : raw.toString());
      if (!decoded) return;
      const { message, payload } = decoded;
      if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong', id: message.id, data: {} }));
        return;
      }
      if (message.type !== 'ocr_request') return;
      const request = { connection, id: message.id, bytes: [...(payload ?? [])] };
      this.requests.push(request);
      if (this.goingAway && this.goingAway.left > 0) {
        const data = { request_id: request.id, code: 'busy', message: 'The appliance is shutting down.', retryable: true, retry_after_ms: 1000 };
        if (this.goingAway.resend) data.resend = true;
        const refusal = JSON.stringify({ type: 'ocr_error', id: `s-${this.requests.length}`, data });
        this.goingAway.left -= 1;
        const { close, delayMs } = this.goingAway;
        const last = this.goingAway.left === 0;
        if (last) this.goingAway = null;
        setTimeout(() => {
          if (socket.readyState !== WebSocket.OPEN) return;
          socket.send(refusal);
          if (last && close) socket.close(1001, 'The appliance is shutting down.');
        }, delayMs);
        return;
      }
      if (this.answering && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ type: 'ocr_complete', id: `s-${this.requests.length}`,
          data: { request_id: request.id, cached: false, text: request.bytes.join(',') } }));
      }
    });
  }
}

// A TCP proxy in front of the appliance that a test can break the way networks break: refuse new
// connections (the box is away), drop the open ones, or freeze them (bytes stop flowing but nothing
// closes, like a phone that walked out of Wi-Fi range).
import net from 'node:net';

export class FaultyProxy {
  /** @param {number} targetPort */
  constructor(targetPort) {
    this.targetPort = targetPort;
    this.port = 0;
    this.connections = new Set();
    this.accepted = 0;
    this.server = null;
  }

  static async start(targetPort) {
    const proxy = new FaultyProxy(targetPort);
    await proxy.resume();
    return proxy;
  }

  get wsUrl() {
    return `ws://127.0.0.1:${this.port}/ws/ocr`;
  }

  /** Accepts connections again, on the same port once one was chosen. */
  resume() {
    return new Promise((resolve, reject) => {
      this.server = net.createServer((client) => this._forward(client));
      this.server.on('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.port = this.server.address().port;
        resolve();
      });
    });
  }

  /** Closes the listener (new connections are refused) and drops every open connection. */
  async refuse() {
    const server = this.server;
    this.server = null;
    this.dropAll();
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  dropAll() {
    for (const { client, upstream } of this.connections) {
      client.destroy();
      upstream.destroy();
    }
    this.connections.clear();
  }

  /** Open connections stop carrying bytes in both directions; new ones work normally. */
  freezeOpen() {
    for (const connection of this.connections) connection.frozen = true;
  }

  async stop() {
    await this.refuse();
  }

  _forward(client) {
    this.accepted += 1;
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    const connection = { client, upstream, frozen: false };
    this.connections.add(connection);
    const pipe = (from, to) => from.on('data', (chunk) => { if (!connection.frozen) to.write(chunk); });
    pipe(client, upstream);
    pipe(upstream, client);
    const close = () => {
      this.connections.delete(connection);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  }
}

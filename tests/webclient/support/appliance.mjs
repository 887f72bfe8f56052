// Starts the real appliance (`maoocr serve`) on a free loopback port, and stops and restarts it on the same
// port. The binary is $MAOOCR_AOT_BINARY (test.sh publishes it), else the Release build's apphost.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** How long models may take to load and warm on a busy 2-core machine. */
const READY_TIMEOUT_MS = 180_000;

function binary() {
  const candidates = [
    process.env.MAOOCR_AOT_BINARY,
    path.join(repoRoot, 'src/EdgeServer/bin/Release/net10.0/maoocr'),
  ].filter(Boolean);
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`No maoocr binary: set MAOOCR_AOT_BINARY or build src/EdgeServer in Release (looked at ${candidates.join(', ')}).`);
  return found;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function waitReady(httpUrl, timeoutMs = READY_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${httpUrl}/readyz`);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The appliance at ${httpUrl} was not ready within ${timeoutMs / 1000} s: ${last}`);
}

export class Appliance {
  /** @param {number} port */
  constructor(port) {
    this.port = port;
    this.httpUrl = `http://127.0.0.1:${port}`;
    this.wsUrl = `ws://127.0.0.1:${port}/ws/ocr`;
    this.child = null;
    this.log = [];
  }

  static async start() {
    const appliance = new Appliance(await freePort());
    await appliance.restart();
    return appliance;
  }

  /** Starts the process (again, on the same port) and waits until /readyz says the models are warm. */
  async restart() {
    if (this.child) throw new Error('The appliance is already running.');
    const child = spawn(binary(), ['serve', '--host', '127.0.0.1', '--port', String(this.port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, Logging__LogLevel__Default: 'Warning' },
    });
    this.child = child;
    const keep = (chunk) => { this.log.push(chunk.toString()); if (this.log.length > 200) this.log.shift(); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.exited = exited;
    const early = exited.then(({ code, signal }) => {
      throw new Error(`maoocr serve exited (${code ?? signal}) before it was ready:\n${this.log.join('')}`);
    });
    await Promise.race([waitReady(this.httpUrl), early]);
    early.catch(() => {});
  }

  /** Stops the process as systemd would (SIGTERM: connections are closed with 1001) and waits for it to exit. */
  async stop() {
    const child = this.child;
    if (!child) return;
    this.child = null;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    await child.exited;
    clearTimeout(timer);
  }
}

// The appliances of the fleet test: `maoocr serve` on loopback ports, each logging to its own file, stopped with
// SIGTERM (as systemd stops it) or killed with SIGKILL, and restarted on the same port.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** How long models may take to load and warm on a busy 2-core machine (the webclient tests allow the same). */
const READY_TIMEOUT_MS = 180_000;
/** A graceful stop: the drain (Server:DrainSeconds) plus Server:ShutdownTimeoutSeconds (30 s), with room. */
const STOP_TIMEOUT_MS = 60_000;

export function applianceBinary() {
  // Where test.sh publishes it for this machine's architecture.
  const published = path.join(repoRoot, `artifacts/publish/linux-${process.arch === 'arm64' ? 'arm64' : 'x64'}/maoocr`);
  const candidates = [process.env.MAOOCR_AOT_BINARY, published].filter(Boolean);
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`No maoocr binary: set MAOOCR_AOT_BINARY (looked at ${candidates.join(', ')}).`);
  return found;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Appliance {
  /**
   * @param {string} name
   * @param {number} port
   * @param {string} logDir
   * @param {string[]} settings extra `--Section:Key value` arguments
   */
  constructor(name, port, logDir, settings) {
    this.name = name;
    this.port = port;
    this.httpUrl = `http://127.0.0.1:${port}`;
    this.logPath = path.join(logDir, `${name}.log`);
    this.settings = settings;
    this.child = null;
  }

  get running() { return this.child !== null; }

  /** Starts the process and waits until /readyz says the models are warm. */
  async start() {
    if (this.child) throw new Error(`${this.name} is already running.`);
    const log = createWriteStream(this.logPath, { flags: 'a' });
    log.write(`\n== start ${new Date().toISOString()}\n`);
    const child = spawn(applianceBinary(), ['serve', '--host', '127.0.0.1', '--port', String(this.port), ...this.settings], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.exited = new Promise((resolve) => child.once('exit', (code, signal) => { log.write(`== exit ${code ?? signal}\n`); resolve({ code, signal }); }));
    this.child = child;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.name} exited before it was ready (see ${this.logPath}).`);
      try {
        const response = await fetch(`${this.httpUrl}/readyz`);
        if (response.ok) return;
        last = `${response.status} ${await response.text()}`;
      } catch (e) {
        last = e.cause?.code ?? e.message;
      }
      await sleep(200);
    }
    throw new Error(`${this.name} was not ready within ${READY_TIMEOUT_MS / 1000} s: ${last}`);
  }

  /** SIGTERM, as systemd stops the service: drain, finish requests in flight, close sessions with 1001. */
  async stop() {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const { code, signal } = await child.exited;
    clearTimeout(timer);
    this.child = null;
    if (signal === 'SIGKILL') throw new Error(`${this.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM.`);
    return code;
  }

  /** SIGKILL: the box dies with its connections and requests in flight. */
  async kill() {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await child.exited;
    this.child = null;
  }

  /** The appliance's own counters: requests (every transport) and WebSocket connections since it started. */
  async metrics() {
    const text = await (await fetch(`${this.httpUrl}/metrics`)).text();
    const sum = (name) => text.split('\n')
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    return { requests: sum('maoocr_requests_total'), connections: sum('maoocr_connections_total') };
  }
}

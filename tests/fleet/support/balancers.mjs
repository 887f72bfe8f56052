// nginx and HAProxy run from the shipped configurations (deploy/nginx, deploy/haproxy), with only the addresses
// rewritten: the listening ports, the three `server` lines (the test's appliances), the TLS certificate.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, sleep } from './appliances.mjs';

/** How long a balancer may take to listen and, for HAProxy, to see its servers up. */
const START_TIMEOUT_MS = 30_000;

/** Replaces what `pattern` matches, failing loudly when the shipped file no longer has it. */
function rewrite(text, pattern, replacement, file) {
  if (!pattern.test(text)) throw new Error(`${file} has no line matching ${pattern}: update tests/fleet/support/balancers.mjs with it.`);
  return text.replace(pattern, replacement);
}

/** Replaces the consecutive `server HOST:PORT params` lines with one per appliance, keeping the shipped parameters. */
function rewriteServers(text, file, makeLine) {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => /^\s*server \S+ \S+:\d+|^\s*server \d[\d.]*:\d+/.test(l));
  if (first < 0) throw new Error(`${file} has no server lines.`);
  let end = first;
  while (end < lines.length && /^\s*server /.test(lines[end]) && !/server_name/.test(lines[end])) end++;
  const template = lines[first];
  return [...lines.slice(0, first), ...makeLine(template), ...lines.slice(end)].join('\n');
}

export function makeCertificate(dir) {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const combined = path.join(dir, 'combined.pem');
  writeFileSync(combined, readFileSync(cert, 'utf8') + readFileSync(key, 'utf8'));
  return { cert, key, combined, ca: readFileSync(cert) };
}

class Balancer {
  constructor(kind, dir, port, tlsPort) {
    this.kind = kind;
    this.dir = dir;
    this.port = port;
    this.tlsPort = tlsPort;
    this.httpUrl = `http://127.0.0.1:${port}`;
    this.wsUrl = `ws://127.0.0.1:${port}/ws/ocr`;
    this.httpsUrl = `https://127.0.0.1:${tlsPort}`;
    this.wssUrl = `wss://127.0.0.1:${tlsPort}/ws/ocr`;
    this.child = null;
    mkdirSync(dir, { recursive: true });
  }

  /** Checks the generated configuration with the engine's own test (nginx -t, haproxy -c). */
  validate() { execFileSync(this.command, this.checkArgs(), { stdio: 'pipe' }); }

  async start() {
    const log = createWriteStream(path.join(this.dir, `${this.kind}.log`), { flags: 'a' });
    const child = spawn(this.command, this.runArgs(), { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.exited = new Promise((resolve) => child.once('exit', resolve));
    this.child = child;
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${this.kind} exited (${child.exitCode}); see ${this.dir}/${this.kind}.log`);
      if (await this.ready().catch(() => false)) return;
      await sleep(200);
    }
    throw new Error(`${this.kind} did not come up within ${START_TIMEOUT_MS / 1000} s`);
  }

  async ready() { return (await fetch(`${this.httpUrl}/healthz`)).ok; }

  async stop() {
    if (!this.child) return;
    this.child.kill('SIGTERM');
    await this.child.exited;
    this.child = null;
  }
}

export class Nginx extends Balancer {
  /** @param {{port: number}[]} upstreams */
  constructor(dir, port, tlsPort, upstreams, tls) {
    super('nginx', dir, port, tlsPort);
    this.command = 'nginx';
    const source = path.join(repoRoot, 'deploy/nginx');
    let site = readFileSync(path.join(source, 'maoocr.conf'), 'utf8');
    site = rewrite(site, /^(\s*)listen 8080;$/m, `$1listen 127.0.0.1:${port};`, 'deploy/nginx/maoocr.conf');
    site = rewriteServers(site, 'deploy/nginx/maoocr.conf', (template) =>
      upstreams.map((u) => template.replace(/server \S+:\d+/, `server 127.0.0.1:${u.port}`)));
    writeFileSync(path.join(dir, 'maoocr.conf'), site);
    writeFileSync(path.join(dir, 'maoocr-proxy.conf'), readFileSync(path.join(source, 'maoocr-proxy.conf')));
    let tlsSite = readFileSync(path.join(source, 'maoocr-tls.conf'), 'utf8');
    tlsSite = rewrite(tlsSite, /^(\s*)listen 443 ssl;$/m, `$1listen 127.0.0.1:${tlsPort} ssl;`, 'deploy/nginx/maoocr-tls.conf');
    tlsSite = rewrite(tlsSite, /ssl_certificate\s+\S+;/, `ssl_certificate ${tls.cert};`, 'deploy/nginx/maoocr-tls.conf');
    tlsSite = rewrite(tlsSite, /ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${tls.key};`, 'deploy/nginx/maoocr-tls.conf');
    writeFileSync(path.join(dir, 'maoocr-tls.conf'), tlsSite);
    // The rest of what /etc/nginx/nginx.conf would give: a private prefix, so no root paths are touched.
    for (const temp of ['client_body', 'proxy']) {
      mkdirSync(path.join(dir, temp), { recursive: true });
      chmodSync(path.join(dir, temp), 0o777); // the workers run as nobody when the test runs as root
    }
    writeFileSync(path.join(dir, 'nginx.conf'), [
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'worker_processes 1;',
      'events { worker_connections 1024; }',
      'http {',
      `  access_log ${dir}/access.log;`,
      `  client_body_temp_path ${dir}/client_body;`,
      `  proxy_temp_path ${dir}/proxy;`,
      '  include maoocr.conf;',
      '  include maoocr-tls.conf;',
      '}',
      '',
    ].join('\n'));
  }

  checkArgs() { return ['-t', '-q', '-p', `${this.dir}/`, '-c', `${this.dir}/nginx.conf`]; }

  runArgs() { return ['-p', `${this.dir}/`, '-c', `${this.dir}/nginx.conf`, '-g', 'daemon off;']; }
}

export class HAProxy extends Balancer {
  constructor(dir, port, tlsPort, statsPort, upstreams, tls) {
    super('haproxy', dir, port, tlsPort);
    this.command = 'haproxy';
    this.statsUrl = `http://127.0.0.1:${statsPort}`;
    this.serverCount = upstreams.length;
    const file = 'deploy/haproxy/haproxy.cfg';
    let cfg = readFileSync(path.join(repoRoot, file), 'utf8');
    cfg = rewrite(cfg, /^(\s*)bind :8080$/m, `$1bind 127.0.0.1:${port}`, file);
    cfg = rewrite(cfg, /^(\s*)# bind :443 ssl crt \S+/m, `$1bind 127.0.0.1:${tlsPort} ssl crt ${tls.combined}`, file);
    cfg = rewrite(cfg, /^(\s*)bind 127\.0\.0\.1:8404$/m, `$1bind 127.0.0.1:${statsPort}`, file);
    cfg = rewriteServers(cfg, file, (template) =>
      upstreams.map((u, i) => template.replace(/server \S+ \S+:\d+/, `server appliance${i + 1} 127.0.0.1:${u.port}`)));
    writeFileSync(path.join(dir, 'haproxy.cfg'), cfg);
  }

  checkArgs() { return ['-c', '-q', '-f', `${this.dir}/haproxy.cfg`]; }

  runArgs() { return ['-db', '-f', `${this.dir}/haproxy.cfg`]; }

  /** Up only when every server passed its /readyz check, so that the load sees the whole fleet. */
  async ready() { return (await this.serverStates()).filter((s) => s === 'UP').length === this.serverCount; }

  /** Each server's state on HAProxy's stats page (UP, DOWN, …), in order. */
  async serverStates() {
    const csv = await (await fetch(`${this.statsUrl}/stats;csv`)).text();
    return csv.split('\n').filter((l) => l.startsWith('maoocr,appliance')).map((l) => l.split(',')[17].split(' ')[0]);
  }
}

// The fleet test (issue 16): three appliances on loopback ports behind nginx, then behind HAProxy, both run from
// the shipped configurations (deploy/nginx, deploy/haproxy), driven through the balancer by the JS client, the .NET
// SDK and plain POST /api/ocr. Run by fleet.sh (which builds what it needs); `--bench` measures instead.
//
// Per balancer: the Origin and token checks still work behind it (and over TLS at the balancer); the load spreads
// over the three (each appliance's own /metrics); one appliance is stopped gracefully (SIGTERM) and another killed
// (SIGKILL) mid-load, and every request still gets exactly one final answer with the right text, nothing is answered
// twice, and no user sees an error; the stopped appliance comes back and receives connections again.
import assert from 'node:assert/strict';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { Appliance, applianceBinary, repoRoot, sleep } from './support/appliances.mjs';
import { HAProxy, Nginx, makeCertificate } from './support/balancers.mjs';
import { freePort } from '../webclient/support/appliance.mjs';
import { fixtures } from '../webclient/support/fixtures.mjs';
import { DotnetUsers, JsUsers, RestUsers, WebSocket } from './support/users.mjs';
import { runBenchmark } from './support/bench.mjs';

const logDir = path.join(repoRoot, 'artifacts/fleet');
const TOKEN = 'fleet-test-token';
/** Answers to wait for between the steps of the scenario: enough that every box served some of each phase. */
const ANSWERS_PER_PHASE = 30;
/** A phase may take this long on a loaded 2-core machine before the test gives up: a failure guard only. */
const PHASE_TIMEOUT_MS = 120_000;

// Each appliance gets one queue worker and one inference thread: three of them share two cores here. It drains for
// 5 s before a stop and trusts the balancer's X-Forwarded-* (127.0.0.1). The result cache is off, so that a request resent to the same box is read again and the load is real.
export const applianceSettings = [
  '--Queue:Workers', '1', '--Inference:Threads', '1', '--Cache:CapacityBytes', '0', '--token', TOKEN,
  '--Server:DrainSeconds', '5', '--Server:TrustedProxies:0', '127.0.0.1',
  '--Logging:LogLevel:Default', 'Information',
];

const results = [];
function check(name, fn) {
  return Promise.resolve().then(fn).then(
    () => { results.push({ name, ok: true }); console.log(`  ok   ${name}`); },
    (e) => { results.push({ name, ok: false, error: e }); console.log(`  FAIL ${name}\n       ${String(e.message).split('\n').join('\n       ')}`); });
}

async function waitFor(predicate, what, timeoutMs = PHASE_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Opens a WebSocket; resolves with the HTTP status of a refused handshake, or 101 when it opened. */
function handshake(url, headers, ca) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, ca });
    socket.once('open', () => { socket.close(); resolve(101); });
    socket.once('unexpected-response', (_, response) => { response.resume(); socket.terminate(); resolve(response.statusCode); });
    socket.once('error', reject);
  });
}

function httpsPost(url, body, headers, ca) {
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: 'POST', headers, ca }, (response) => {
      let text = '';
      response.on('data', (c) => { text += c; });
      response.on('end', () => resolve({ status: response.statusCode, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function checkAccess(balancer, tls, image) {
  const origin = `http://127.0.0.1:${balancer.port}`;
  await check('the token is still checked behind the balancer (WebSocket 401 without it, 101 with it)', async () => {
    assert.equal(await handshake(balancer.wsUrl, { Origin: origin }), 401);
    assert.equal(await handshake(`${balancer.wsUrl}?token=${TOKEN}`, { Origin: origin }), 101);
  });
  await check('the Origin check still works behind the balancer (its own origin 101, another 403)', async () => {
    assert.equal(await handshake(`${balancer.wsUrl}?token=${TOKEN}`, { Origin: 'http://elsewhere.example' }), 403);
  });
  await check('REST behind the balancer: 401 JSON without the token', async () => {
    const response = await fetch(`${balancer.httpUrl}/api/ocr`, { method: 'POST', body: image.bytes(), headers: { 'Content-Type': 'image/png' } });
    assert.equal(response.status, 401);
    assert.equal((await response.json()).code, 'unauthorized');
  });
  await check('TLS at the balancer: POST /api/ocr over https reads the image', async () => {
    const { status, body } = await httpsPost(`${balancer.httpsUrl}/api/ocr`, image.bytes(),
      { 'Content-Type': 'image/png', Authorization: `Bearer ${TOKEN}` }, tls.ca);
    assert.equal(status, 200, body);
    assert.match(JSON.parse(body).text, /Alpha/);
  });
  await check('TLS at the balancer: a wss client without Origin (an app) connects with the token', async () => {
    assert.equal(await handshake(`${balancer.wssUrl}?token=${TOKEN}`, {}, tls.ca), 101);
  });
  await check('TLS at the balancer: the browser\'s https origin passes (X-Forwarded-* from a trusted balancer)', async () => {
    assert.equal(await handshake(`${balancer.wssUrl}?token=${TOKEN}`, { Origin: balancer.httpsUrl }, tls.ca), 101);
    assert.equal(await handshake(`${balancer.wssUrl}?token=${TOKEN}`, { Origin: 'https://elsewhere.example' }, tls.ca), 403);
  });
}

function assertClean(summary, who) {
  assert.ok(summary.answered > 0, `${who} got no answers at all`);
  assert.deepEqual(summary.errors, [], `${who} saw errors a user would see`);
  assert.deepEqual(summary.unanswered, [], `${who} has requests that were never answered`);
  assert.deepEqual(summary.answeredTwice, [], `${who} got two final answers for one request`);
  assert.deepEqual(summary.answersWithoutEvent, [], `${who} returned answers whose final message was never seen on the wire`);
  assert.deepEqual(summary.wrongText, [], `${who} got wrong text`);
}

async function scenario(kind, appliances, tls, fixtureDir, images) {
  console.log(`== ${kind}: three appliances behind it`);
  const dir = path.join(logDir, kind);
  const balancer = kind === 'nginx'
    ? new Nginx(dir, await freePort(), await freePort(), appliances, tls)
    : new HAProxy(dir, await freePort(), await freePort(), await freePort(), appliances, tls);
  await check(`the shipped ${kind} configuration passes ${kind === 'nginx' ? 'nginx -t' : 'haproxy -c'}`, () => balancer.validate());
  await balancer.start();
  const [stopped, killed, survivor] = appliances;
  try {
    await checkAccess(balancer, tls, images[0]);

    const before = await Promise.all(appliances.map((a) => a.metrics()));
    const js = new JsUsers(balancer.wsUrl, TOKEN, images, 3);
    // Three REST users, so that the kill is likely to catch a POST in flight on the killed box.
    const rest = new RestUsers(balancer.httpUrl, TOKEN, images, 3);
    const dotnet = new DotnetUsers(balancer.wsUrl, TOKEN, fixtureDir, 2, createWriteStream(path.join(dir, 'dotnet-driver.log')));
    await js.start();
    rest.start();
    dotnet.start();
    const answered = () => js.answered + rest.answered + dotnet.answered;
    const phase = async (what) => { const target = answered() + ANSWERS_PER_PHASE; await waitFor(() => answered() >= target, what); };

    await phase('the first answers');
    await check('the load spreads over the three appliances (each one\'s own maoocr_requests_total)', async () => {
      const now = await Promise.all(appliances.map((a) => a.metrics()));
      const shares = now.map((m, i) => m.requests - before[i].requests);
      const total = shares.reduce((a, b) => a + b, 0);
      console.log(`       requests per appliance: ${shares.join(', ')}`);
      for (const [i, share] of shares.entries()) {
        assert.ok(share >= 1, `appliance ${i + 1} got no requests`);
        assert.ok(share <= 0.8 * total, `appliance ${i + 1} got ${share} of ${total} requests`);
      }
    });

    console.log(`  stopping ${stopped.name} (SIGTERM) mid-load`);
    const stopping = stopped.stop();
    await phase('answers after the graceful stop');
    await stopping;
    console.log(`  killing ${killed.name} (SIGKILL) mid-load`);
    await killed.kill();
    await phase('answers after the kill');

    console.log(`  restarting ${stopped.name}`);
    await stopped.start();
    await check(`the restarted appliance receives connections again through ${kind}`, async () => {
      // Fresh clients, as phones arriving: least connections sends them to the box that has none.
      const fresh = [];
      await waitFor(async () => {
        const service = new JsUsers(balancer.wsUrl, TOKEN, images, 1);
        await service.start();
        fresh.push(service);
        await sleep(500);
        return (await stopped.metrics()).connections > 0;
      }, `${stopped.name} to get a connection`, 60_000);
      for (const s of fresh) assertClean(await s.stop(), 'a fresh client');
      console.log(`       ${fresh.length} fresh client(s) until ${stopped.name} had one; ${survivor.name} served the rest`);
    });
    await phase('answers with the restarted appliance');

    const summaries = { js: await js.stop(), rest: await rest.stop(), dotnet: await dotnet.stop() };
    for (const [who, s] of Object.entries(summaries)) {
      // Only the REST user sends busy again itself; a busy reaching a WebSocket user is one of its errors.
      const busy = who === 'rest' ? `, ${s.busyRetries} busy answers sent again` : '';
      console.log(`       ${who}: ${s.answered} answered of ${s.requests} sent${busy}, ${s.reconnects} reconnects, ${s.answeredAcrossReconnect} answered across a reconnect`);
    }
    // For the WebSocket users a busy is a user-visible error too: the stopping appliance marks its refusals resend, and
    // the clients send them again through the balancer without telling the app.
    for (const who of ['js', 'rest', 'dotnet']) {
      await check(`${who}: every request got exactly one final answer with the right text, no user-visible error`, () => assertClean(summaries[who], who));
    }
    await check('REST: the balancer sent a POST that met a stopping or dead box to another box (no 503 or 502 reached the client)', () => {
      // A stopping appliance answers "busy" (503) and a dead one none; both balancers pass the POST on (nginx's
      // proxy_next_upstream http_503 non_idempotent, HAProxy's retry-on), so the REST client never waits and resends.
      assert.equal(summaries.rest.busyRetries, 0, `${summaries.rest.busyRetries} busy answers reached the REST client`);
    });
    await check('the WebSocket clients reconnected through the balancer (the stop and the kill dropped connections)', () => {
      assert.ok(summaries.js.reconnects + summaries.dotnet.reconnects > 0, 'no client reconnected');
    });
  } finally {
    await balancer.stop();
    // The next balancer starts with the whole fleet again.
    for (const a of appliances) if (!a.running) await a.start();
  }
}

async function main() {
  const modes = process.argv.slice(2);
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  const fixtureSet = fixtures();
  const images = ['alpha', 'bravo', 'charlie'].map((n) => fixtureSet[n]);
  const fixtureDir = path.dirname(images[0].path);
  const tls = makeCertificate(logDir);
  console.log(`appliance: ${applianceBinary()}`);

  const appliances = [];
  for (let i = 1; i <= 3; i++) appliances.push(new Appliance(`appliance${i}`, await freePort(), logDir, applianceSettings));
  try {
    await Promise.all(appliances.map((a) => a.start()));
    if (modes.includes('--bench')) {
      await runBenchmark(appliances, tls, images, TOKEN, logDir);
      return 0;
    }
    for (const kind of modes.filter((m) => m === 'nginx' || m === 'haproxy').concat(modes.some((m) => m === 'nginx' || m === 'haproxy') ? [] : ['nginx', 'haproxy'])) {
      await scenario(kind, appliances, tls, fixtureDir, images);
    }
  } finally {
    await Promise.all(appliances.map((a) => a.kill()));
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`Fleet: ${results.length - failed.length} passed, ${failed.length} failed (logs in artifacts/fleet/)`);
  console.log(failed.length === 0 ? 'PASS' : 'FAIL');
  return failed.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => { console.error(e); console.log('FAIL'); process.exit(1); });

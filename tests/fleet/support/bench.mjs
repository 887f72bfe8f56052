// `fleet.sh --bench`: images per second through each balancer with one, two and three appliances behind it, and
// the latency the balancer adds (the same load sent to one appliance directly and through the balancer).
import path from 'node:path';
import { freePort } from '../../webclient/support/appliance.mjs';
import { HAProxy, Nginx } from './balancers.mjs';
import { WebSocket } from './users.mjs';
import { MaoOCRWebSocketService } from '../../../clients/js/maoocr-client.js';

/** Throughput: connections sending at once, two per appliance at three, so the largest fleet is kept busy. */
const CONNECTIONS = 6;
/** Requests each connection sends, one at a time, after one unmeasured warm-up request. */
const REQUESTS_PER_CONNECTION = 30;
/** Added latency: one connection, one request at a time, so that no queue hides the balancer's own cost. */
const LATENCY_REQUESTS = 60;

async function measure(wsUrl, token, images, connections = CONNECTIONS, requestsPerConnection = REQUESTS_PER_CONNECTION) {
  const services = Array.from({ length: connections }, () => new MaoOCRWebSocketService(wsUrl, { WebSocket, token }));
  await Promise.all(services.map((s) => s.connect()));
  await Promise.all(services.map((s) => s.sendOCRRequest({ image: images[0].bytes() })));
  const latencies = [];
  const started = performance.now();
  await Promise.all(services.map(async (service, c) => {
    for (let n = 0; n < requestsPerConnection; n++) {
      const t = performance.now();
      await service.sendOCRRequest({ image: images[(n + c) % images.length].bytes() });
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  for (const s of services) s.disconnect();
  latencies.sort((a, b) => a - b);
  return { imagesPerSecond: latencies.length / seconds, medianMs: latencies[latencies.length >> 1], p90Ms: latencies[Math.floor(latencies.length * 0.9)] };
}

const row = (what, r) => `| ${what} | ${r.imagesPerSecond.toFixed(1)} | ${r.medianMs.toFixed(0)} | ${r.p90Ms.toFixed(0)} |`;

function makeBalancer(kind, dir, fleet, tls) {
  return kind === 'nginx'
    ? Promise.all([freePort(), freePort()]).then(([p, t]) => new Nginx(dir, p, t, fleet, tls))
    : Promise.all([freePort(), freePort(), freePort()]).then(([p, t, s]) => new HAProxy(dir, p, t, s, fleet, tls));
}

export async function runBenchmark(appliances, tls, images, token, logDir) {
  // Added latency: one appliance, one connection, one request at a time, directly and through each balancer,
  // interleaved twice so that a slow spell of the shared machine does not land on one of them only.
  const latency = ['| one request at a time to one appliance | images/s | median ms | p90 ms |', '| --- | --- | --- | --- |'];
  const directUrl = `ws://127.0.0.1:${appliances[0].port}/ws/ocr`;
  for (let round = 1; round <= 2; round++) {
    latency.push(row(`directly (round ${round})`, await measure(directUrl, token, images, 1, LATENCY_REQUESTS)));
    console.log(latency.at(-1));
    for (const kind of ['nginx', 'haproxy']) {
      const balancer = await makeBalancer(kind, path.join(logDir, `latency-${kind}-${round}`), appliances.slice(0, 1), tls);
      await balancer.start();
      try {
        latency.push(row(`through ${kind} (round ${round})`, await measure(balancer.wsUrl, token, images, 1, LATENCY_REQUESTS)));
        console.log(latency.at(-1));
      } finally {
        await balancer.stop();
      }
    }
  }

  const lines = ['| through | images/s | median ms | p90 ms | requests per appliance |', '| --- | --- | --- | --- | --- |'];
  const direct = await measure(directUrl, token, images);
  lines.push(`${row('one appliance, directly', direct)} |`);
  console.log(lines.at(-1));
  for (const kind of ['nginx', 'haproxy']) {
    for (let n = 1; n <= appliances.length; n++) {
      const dir = path.join(logDir, `bench-${kind}-${n}`);
      const fleet = appliances.slice(0, n);
      const balancer = await makeBalancer(kind, dir, fleet, tls);
      await balancer.start();
      try {
        const before = await Promise.all(fleet.map((a) => a.metrics()));
        const result = await measure(balancer.wsUrl, token, images);
        const after = await Promise.all(fleet.map((a) => a.metrics()));
        const shares = after.map((m, i) => m.requests - before[i].requests).join(', ');
        lines.push(`${row(`${kind}, ${n} appliance${n > 1 ? 's' : ''}`, result)} ${shares} |`);
        console.log(lines.at(-1));
      } finally {
        await balancer.stop();
      }
    }
  }
  const again = await measure(directUrl, token, images);
  lines.push(`${row('one appliance, directly (again, last)', again)} |`);
  console.log(lines.at(-1));
  console.log(`\n${latency.join('\n')}\n\n${lines.join('\n')}`);
}

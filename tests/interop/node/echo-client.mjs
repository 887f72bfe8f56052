// Talks to the tests' echo server with the npm `ws` package: sends text and binary messages of several sizes (and a
// ping), checks each echo, closes with 1000, and prints one JSON line that the xunit test asserts on.
// Usage: node echo-client.mjs <ws-url> <deflate: on|off>
import { createHash, randomBytes } from 'node:crypto';
import WebSocket from 'ws';

const [url, deflateArg] = process.argv.slice(2);
const deflate = deflateArg === 'on';
const sizes = [0, 1, 125, 126, 65535, 65536, 200000, 1048576];
const words = ['{"text":', '"line",', 'box ', 'score ', '0.98 ', '瑞雪兆丰年', 'Übergröße', '😀'];

// Valid UTF-8 of exactly `length` bytes, with 2-, 3- and 4-byte characters.
function text(length) {
  const parts = [];
  let size = 0;
  while (size < length) {
    let word = words[Math.floor(Math.random() * words.length)];
    let n = Buffer.byteLength(word);
    if (size + n > length) {
      word = 'a'.repeat(length - size);
      n = length - size;
    }
    parts.push(word);
    size += n;
  }
  return parts.join('');
}

const sha = (data) => createHash('sha256').update(data).digest('hex');
const ws = new WebSocket(url, { perMessageDeflate: deflate ? { threshold: 0 } : false, maxPayload: 0 });
const report = { extensions: null, messages: [], pong: null, close: null, error: null };

// One echo awaited at a time; a close while waiting fails it.
let pending = null;
ws.on('message', (data, isBinary) => { const p = pending; pending = null; p?.resolve({ data, isBinary }); });
ws.on('close', (code) => { pending?.reject(new Error(`closed with ${code} while waiting for an echo`)); });
const next = () => new Promise((resolve, reject) => { pending = { resolve, reject }; });

ws.on('error', (e) => { report.error = String(e); });
ws.on('open', async () => {
  try {
    report.extensions = ws.extensions;
    for (const size of sizes) {
      for (const binary of [false, true]) {
        const payload = binary ? randomBytes(size) : text(size);
        const echoed = next();
        ws.send(payload, { binary });
        const { data, isBinary } = await echoed;
        report.messages.push({ size, binary, echoedBinary: isBinary, sent: sha(payload), echoed: sha(data) });
      }
    }
    const pong = new Promise((resolve) => ws.once('pong', (data) => resolve(data.toString())));
    ws.ping('are you there');
    report.pong = await pong;
    ws.close(1000, 'done');
  } catch (e) {
    report.error = String(e);
    ws.terminate();
  }
});
ws.on('close', (code, reason) => {
  report.close = { code, reason: reason.toString() };
  console.log(JSON.stringify(report));
});

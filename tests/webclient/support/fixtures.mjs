// The rendered test images (tests/MaoOcr.WebClient.Fixtures) and text comparison.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './appliance.mjs';

let cached;

/** The fixtures directory: $MAOOCR_WEBCLIENT_FIXTURES (test.sh renders it once), else rendered now. */
export function fixtures() {
  if (cached) return cached;
  let directory = process.env.MAOOCR_WEBCLIENT_FIXTURES;
  if (!directory || !existsSync(path.join(directory, 'fixtures.json'))) {
    directory = directory ?? mkdtempSync(path.join(os.tmpdir(), 'maoocr-webclient-'));
    const dll = path.join(repoRoot, 'tests/MaoOcr.WebClient.Fixtures/bin/Release/net10.0/MaoOcr.WebClient.Fixtures.dll');
    if (!existsSync(dll)) throw new Error(`Build the fixtures first: dotnet build tests/MaoOcr.WebClient.Fixtures -c Release (${dll} is missing).`);
    execFileSync('dotnet', [dll, directory], { stdio: 'inherit' });
  }
  const manifest = JSON.parse(readFileSync(path.join(directory, 'fixtures.json'), 'utf8'));
  for (const [name, entry] of Object.entries(manifest)) {
    entry.name = name;
    entry.path = path.join(directory, entry.file);
    entry.bytes = () => new Uint8Array(readFileSync(entry.path));
  }
  cached = manifest;
  return manifest;
}

/** Character error rate on code points with whitespace removed, as MaoOcr.Testing's TextMetrics defines it. */
export function characterErrorRate(expected, actual) {
  const a = [...expected.replace(/\s+/gu, '')];
  const b = [...(actual ?? '').replace(/\s+/gu, '')];
  if (a.length === 0) return b.length === 0 ? 0 : 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] / a.length;
}

/** Waits until `predicate()` holds, polling; fails with `what` after `timeoutMs`. */
export async function until(predicate, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

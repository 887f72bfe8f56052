// The manifest that npm pack ships. A dependency on a path ("file:../js") installs only inside this repository:
// anywhere else npm looks for ../js beside the app and the install fails, so the JS client is a peer that the
// app installs itself, and the path is only for building and testing here.
import { expect, test } from 'vitest';
import manifest from '../package.json' with { type: 'json' };
import client from '../../js/package.json' with { type: 'json' };

type Ranges = Record<string, string> | undefined;
const shipped = manifest as { dependencies?: Ranges; peerDependencies?: Ranges; optionalDependencies?: Ranges; devDependencies?: Ranges };

/** npm's spellings of a dependency that is not fetched from a registry by name and version. */
const LOCAL_SPEC = /^(file:|link:|\.{0,2}\/|~\/|git\+|github:)/;

test('the packed package depends on nothing that only exists in this repository', () => {
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'] as const) {
    const local = Object.entries(shipped[field] ?? {}).filter(([, range]) => LOCAL_SPEC.test(range));
    expect(local, field).toEqual([]);
  }
});

test('maoocr-client is a peer that the JS client here satisfies, and comes from ../js for the build and tests', () => {
  expect(shipped.dependencies?.['maoocr-client']).toBeUndefined();
  // The lower bound must admit the client beside it, or npm would refuse the pair it is developed with.
  const bound = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(shipped.peerDependencies?.['maoocr-client'] ?? '');
  expect(bound).not.toBeNull();
  const order = (parts: number[]) => parts.reduce((sum, part) => sum * 1000 + part, 0);
  expect(order(client.version.split('.').map(Number))).toBeGreaterThanOrEqual(order(bound!.slice(1).map(Number)));
  expect(shipped.devDependencies?.['maoocr-client']).toBe('file:../js');
});

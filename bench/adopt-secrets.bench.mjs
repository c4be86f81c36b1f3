// Time the secret detector of `chatops-adopt` takes on remote values built to be slow: long
// runs of name characters with no `=` after them, which made its `name=value` scan quadratic
// (7 s for 80 KB). `looksSecret` counts any value above its cap as secret without reading it;
// `namesACredential` is the scan itself, timed beyond the cap to show it grows linearly.
// Run: `npm run bench:adopt-secrets` (builds first), or after a build
// `node bench/adopt-secrets.bench.mjs [--repeat 5]`. Prints a markdown table.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadAdoptSecrets } from './support/dist.mjs';
import { printEnvironment } from './support/environment.mjs';
import { heading, printTable } from './support/table.mjs';

const { values: args } = parseArgs({ options: { repeat: { type: 'string', default: '5' } } });
const REPEAT = Number(args.repeat);

const KB = 1024;
const SIZES = [
  ['4 KB (the cap)', 4 * KB],
  ['80 KB', 80 * KB],
  ['1 MB', 1024 * KB],
];
/** Values that made the old scan start a match at every position of a long name. */
const SHAPES = {
  letters: (size) => 'a'.repeat(size),
  'dotted name': (size) => 'a.'.repeat(size / 2),
  'digits and letters': (size) => '1a'.repeat(size / 2),
  'name, then spaces': (size) => `a=${' '.repeat(size - 2)}`,
};

/** Median milliseconds of `REPEAT` calls, and the last result. */
function time(run) {
  const samples = [];
  let result;
  for (let i = 0; i < REPEAT; i++) {
    const start = performance.now();
    result = run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)], result };
}

const { looksSecret, namesACredential, MAX_EXAMINED_LENGTH } = await loadAdoptSecrets();
printEnvironment();
heading(
  `chatops-adopt secret detector (median of ${REPEAT}; cap ${MAX_EXAMINED_LENGTH} characters)`,
);
const rows = [];
for (const [label, size] of SIZES) {
  for (const [shape, build] of Object.entries(SHAPES)) {
    const value = build(size);
    const judged = time(() => looksSecret(value));
    const scanned = time(() => namesACredential(value));
    rows.push([
      label,
      shape,
      `${judged.ms.toFixed(2)} ms (${judged.result ? 'secret' : 'readable'})`,
      `${scanned.ms.toFixed(2)} ms`,
    ]);
  }
}
printTable(['value size', 'shape', 'looksSecret', 'name=value scan alone'], rows);

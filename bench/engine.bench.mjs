// Engine wall time and provider memory: `pulumi up` and `pulumi preview --refresh` of 10, 50
// and 200 resources (a quarter of each type) through the real Pulumi CLI against the
// emulator, each next to a baseline program declaring as many dynamic resources with the same
// inputs and a provider that does nothing: the engine's own floor. Both run in the same
// invocation, interleaved, so the ratio compares like with like on a busy machine.
// Also the size of the serialized provider (`__provider`) and of the state file per resource,
// and the floor a perfect provider could reach: the baseline plus the remote calls it cannot
// avoid at the client's pace (support/call-floor.mjs); ratios are given to both.
// Run: `npm run bench:engine` (builds first), or after a build
// `node bench/engine.bench.mjs [--sizes 10,50,200] [--repeat 3]`. Prints markdown tables.
/* global console */
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { floorMs, unavoidableCalls } from './support/call-floor.mjs';
import { loadEmulator } from './support/dist.mjs';
import {
  BASELINE_PROGRAM,
  CHATOPS_PROGRAM,
  ENTRY,
  benchRobot,
  declaredObjects,
} from './support/engine-programs.mjs';
import { printEnvironment } from './support/environment.mjs';
import { canSampleMemory, sampleMemory } from './support/process-memory.mjs';
import {
  createProject,
  pulumi,
  pulumiBinDir,
  pulumiEnv,
  pulumiVersion,
  stateFileOf,
} from './support/pulumi-project.mjs';
import { heading, printTable } from './support/table.mjs';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,50,200' },
    repeat: { type: 'string', default: '3' },
    // Client-side pace of the chatops stacks (calls per second per API operation); unset
    // keeps the default of 20 that DingTalk's limits call for.
    pace: { type: 'string' },
    // `--parallel` of up and preview, for both programs; unset keeps the engine's default
    // (4 per CPU: 8 on 2 cores).
    parallel: { type: 'string' },
  },
});
const PACE = args.pace;
/** The client's default pace, calls per second per API operation (DEFAULT_SETTINGS). */
const DEFAULT_PACE = 20;
const PARALLEL = args.parallel === undefined ? [] : ['--parallel', args.parallel];
const SIZES = args.sizes.split(',').map(Number);
const REPEAT = Number(args.repeat);
/** The target: the package's up and preview at most this much slower than the floor. */
const TARGET_RATIO = 1.3;
const TARGET_SIZE = 200;
/** The dynamic provider plugin: `node .../@pulumi/pulumi/cmd/dynamic-provider/index.js <addr>`. */
const PROVIDER_PROCESS = /^\S*node\s+\S*\/cmd\/dynamic-provider(\/index\.js)?\s/;
const PROGRAMS = ['chatops', 'baseline'];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const seconds = (ms) => (ms / 1000).toFixed(1);
const mib = (kib) => (kib === undefined ? 'n/a' : (kib / 1024).toFixed(0));
const cpu = (value) => (value === undefined ? 'n/a' : value.toFixed(1));
const ratio = (a, b) => (a === undefined || b === undefined ? 'n/a' : (a / b).toFixed(2));

/** Stack config as a user writes it for the emulator (its default key pair and app). */
function stackConfig(program, declaredFile, emulatorUrl) {
  return {
    plain: {
      'chatops-engine-bench:program': program,
      'chatops-engine-bench:declaredFile': declaredFile,
      'alicloud:accessKey': 'test',
      'alicloud:region': 'cn-hangzhou',
      'dingtalk:clientId': 'test',
      'chatops:oosEndpoint': emulatorUrl,
      'chatops:stsEndpoint': emulatorUrl,
      'chatops:sasEndpoint': emulatorUrl,
      'chatops:dingtalkApiEndpoint': emulatorUrl,
      'chatops:dingtalkOapiEndpoint': emulatorUrl,
      ...(PACE === undefined
        ? {}
        : { 'chatops:alicloudRatePerSecond': PACE, 'chatops:dingtalkRatePerSecond': PACE }),
    },
    secret: {
      'alicloud:secretKey': 'test',
      'dingtalk:clientSecret': 'test',
      'chatops-engine-bench:botClientSecret': 'bench-bot-client-secret',
      'chatops-engine-bench:alertWebhookUrl':
        'https://oapi.dingtalk.com/robot/send?access_token=benchwebhooktoken',
    },
  };
}

/** Runs one pulumi command while sampling the provider plugin's memory. */
async function measured(project, env, stack, commandArgs) {
  let cli;
  // This process serves the emulator: its CPU time is the remote side's work, which shares
  // the machine's cores with the engine here but would run elsewhere in production.
  const ownCpuBefore = process.cpuUsage();
  const sampler = canSampleMemory() ? sampleMemory(PROVIDER_PROCESS, () => cli?.pid) : undefined;
  const result = await pulumi(project, env, stack, [...commandArgs, ...PARALLEL], (child) => {
    cli = child;
  });
  const processes = sampler?.stop() ?? [];
  const peakKiB = processes.length ? Math.max(...processes.map((p) => p.peakKiB)) : undefined;
  const cpuSeconds = processes.length
    ? processes.reduce((sum, p) => sum + p.cpuSeconds, 0)
    : undefined;
  const ownCpu = process.cpuUsage(ownCpuBefore);
  return {
    wallMs: result.wallMs,
    peakKiB,
    cpuSeconds,
    emulatorCpuSeconds: (ownCpu.user + ownCpu.system) / 1e6,
  };
}

/** Bytes of `__provider` per dynamic resource, and of the state file per resource. */
async function stateSizes(project, env, stack, count) {
  const { stdout } = await pulumi(project, env, stack, ['stack', 'export']);
  const resources = JSON.parse(stdout).deployment.resources ?? [];
  const providers = resources
    .map((r) => r.outputs?.__provider)
    .filter((text) => typeof text === 'string');
  const file = stateFileOf(env, project, stack);
  return {
    providerBytes: providers.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / providers.length,
    stateBytes: (file ? fs.statSync(file).size : Buffer.byteLength(stdout)) / count,
  };
}

async function runOnce(project, env, emulator, program, size, rep, declaredFile) {
  const stack = `${program}-${size}-${rep}`;
  // Every chatops run starts from an empty remote, as a first deployment does.
  emulator.reset();
  await pulumi(project, env, stack, ['stack', 'init']);
  const config = stackConfig(program, declaredFile, emulator.url);
  await pulumi(project, env, stack, [
    'config',
    'set-all',
    ...Object.entries(config.plain).flatMap(([k, v]) => ['--plaintext', `${k}=${v}`]),
    ...Object.entries(config.secret).flatMap(([k, v]) => ['--secret', `${k}=${v}`]),
  ]);
  emulator.clearRequests();
  const up = await measured(project, env, stack, ['up', '--yes', '--skip-preview']);
  const upCalls = emulator.requests().counts;
  emulator.clearRequests();
  const preview = await measured(project, env, stack, [
    'preview',
    '--refresh',
    '--expect-no-changes',
  ]);
  const previewCalls = emulator.requests().counts;
  const sizes = await stateSizes(project, env, stack, size);
  return { up, preview, upCalls, previewCalls, ...sizes };
}

async function main() {
  printEnvironment();
  const binDir = await pulumiBinDir();
  const project = await createProject({
    name: 'chatops-engine-bench',
    entry: ENTRY,
    files: { 'chatops.js': CHATOPS_PROGRAM, 'baseline.js': BASELINE_PROGRAM },
  });
  const env = pulumiEnv(project.workDir, binDir);
  const { startEmulator } = await loadEmulator();
  console.log(
    `Pulumi CLI ${await pulumiVersion(env)}; load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; median of ${REPEAT} runs per cell, chatops and baseline interleaved; ` +
      `client pace ${PACE ?? 'default (20)'} calls per second per API operation; ` +
      `engine parallelism ${args.parallel ?? 'default (4 per CPU)'}.\n`,
  );

  const results = [];
  try {
    for (const size of SIZES) {
      const emulator = await startEmulator({
        directory: {
          robots: Array.from({ length: size }, (_, i) => ({ robotCode: benchRobot(i) })),
        },
      });
      const declaredFile = path.join(project.dir, `declared-${size}.json`);
      fs.writeFileSync(declaredFile, JSON.stringify(declaredObjects(size)));
      const runs = { chatops: [], baseline: [] };
      try {
        for (let rep = 1; rep <= REPEAT; rep++) {
          // Alternate which program goes first, so neither always meets a warmer machine.
          const order = rep % 2 ? PROGRAMS : [...PROGRAMS].reverse();
          for (const program of order) {
            runs[program].push(
              await runOnce(project, env, emulator, program, size, rep, declaredFile),
            );
            process.stderr.write(`  ${size} resources, ${program}, run ${rep}/${REPEAT} done\n`);
          }
        }
      } finally {
        await emulator.stop();
      }
      const summary = (program) => {
        const list = runs[program];
        const sampled = (step, key) =>
          list.every((r) => r[step][key] !== undefined)
            ? median(list.map((r) => r[step][key]))
            : undefined;
        const mem = (step) => sampled(step, 'peakKiB');
        return {
          upMs: median(list.map((r) => r.up.wallMs)),
          previewMs: median(list.map((r) => r.preview.wallMs)),
          upPeakKiB: mem('up'),
          previewPeakKiB: mem('preview'),
          upCpu: sampled('up', 'cpuSeconds'),
          previewCpu: sampled('preview', 'cpuSeconds'),
          upEmulatorCpu: sampled('up', 'emulatorCpuSeconds'),
          previewEmulatorCpu: sampled('preview', 'emulatorCpuSeconds'),
          // The remote calls of a run do not vary between runs; the last run's stand for all.
          upCalls: list.at(-1).upCalls,
          previewCalls: list.at(-1).previewCalls,
          providerBytes: median(list.map((r) => r.providerBytes)),
          stateBytes: median(list.map((r) => r.stateBytes)),
        };
      };
      const baseline = summary('baseline');
      const declared = declaredObjects(size);
      const pace = Number(PACE ?? DEFAULT_PACE);
      const floor = {
        upMs: floorMs(baseline.upMs, unavoidableCalls(declared, 'up'), pace),
        previewMs: floorMs(baseline.previewMs, unavoidableCalls(declared, 'preview'), pace),
      };
      results.push({ size, chatops: summary('chatops'), baseline, floor });
    }
  } finally {
    fs.rmSync(project.workDir, { recursive: true, force: true });
  }

  heading('Wall time');
  printTable(
    [
      'Resources',
      '`up` chatops (s)',
      '`up` baseline (s)',
      '`up` floor (s)',
      '`up` ratio to baseline',
      '`up` ratio to floor',
      '`preview --refresh` chatops (s)',
      '`preview --refresh` baseline (s)',
      '`preview --refresh` floor (s)',
      '`preview --refresh` ratio to baseline',
      '`preview --refresh` ratio to floor',
    ],
    results.map(({ size, chatops, baseline, floor }) => [
      size,
      seconds(chatops.upMs),
      seconds(baseline.upMs),
      seconds(floor.upMs),
      ratio(chatops.upMs, baseline.upMs),
      ratio(chatops.upMs, floor.upMs),
      seconds(chatops.previewMs),
      seconds(baseline.previewMs),
      seconds(floor.previewMs),
      ratio(chatops.previewMs, baseline.previewMs),
      ratio(chatops.previewMs, floor.previewMs),
    ]),
  );
  heading('Peak memory of the dynamic provider process (VmHWM, MiB)');
  printTable(
    [
      'Resources',
      '`up` chatops',
      '`up` baseline',
      '`up` ratio',
      '`preview --refresh` chatops',
      '`preview --refresh` baseline',
      '`preview --refresh` ratio',
    ],
    results.map(({ size, chatops, baseline }) => [
      size,
      mib(chatops.upPeakKiB),
      mib(baseline.upPeakKiB),
      ratio(chatops.upPeakKiB, baseline.upPeakKiB),
      mib(chatops.previewPeakKiB),
      mib(baseline.previewPeakKiB),
      ratio(chatops.previewPeakKiB, baseline.previewPeakKiB),
    ]),
  );
  heading('CPU time (s): the dynamic provider process, and the emulator serving it');
  printTable(
    [
      'Resources',
      '`up` provider chatops',
      '`up` provider baseline',
      '`up` emulator',
      '`preview --refresh` provider chatops',
      '`preview --refresh` provider baseline',
      '`preview --refresh` emulator',
    ],
    results.map(({ size, chatops, baseline }) => [
      size,
      cpu(chatops.upCpu),
      cpu(baseline.upCpu),
      cpu(chatops.upEmulatorCpu),
      cpu(chatops.previewCpu),
      cpu(baseline.previewCpu),
      cpu(chatops.previewEmulatorCpu),
    ]),
  );
  heading('State size per resource (bytes)');
  printTable(
    [
      'Resources',
      '`__provider` chatops',
      '`__provider` baseline',
      'state file chatops',
      'state file baseline',
    ],
    results.map(({ size, chatops, baseline }) => [
      size,
      chatops.providerBytes.toFixed(0),
      baseline.providerBytes.toFixed(0),
      chatops.stateBytes.toFixed(0),
      baseline.stateBytes.toFixed(0),
    ]),
  );
  heading('Remote API calls per run (chatops), by action');
  const actions = [
    ...new Set(
      results.flatMap(({ chatops }) => [
        ...Object.keys(chatops.upCalls),
        ...Object.keys(chatops.previewCalls),
      ]),
    ),
  ].sort();
  printTable(
    ['Resources', 'run', ...actions.map((a) => `\`${a}\``)],
    results.flatMap(({ size, chatops }) => [
      [size, '`up`', ...actions.map((a) => chatops.upCalls[a] ?? 0)],
      [size, '`preview --refresh`', ...actions.map((a) => chatops.previewCalls[a] ?? 0)],
    ]),
  );
  const atTarget = results.find((r) => r.size === TARGET_SIZE);
  if (atTarget) {
    const up = atTarget.chatops.upMs / atTarget.baseline.upMs;
    const preview = atTarget.chatops.previewMs / atTarget.baseline.previewMs;
    const verdict = (value) => (value <= TARGET_RATIO ? 'met' : 'missed');
    console.log(
      `Target at ${TARGET_SIZE} resources, at most ${TARGET_RATIO}x the baseline: ` +
        `up ${up.toFixed(2)}x (${verdict(up)}), preview --refresh ${preview.toFixed(2)}x (${verdict(preview)}). ` +
        `To the floor: up ${ratio(atTarget.chatops.upMs, atTarget.floor.upMs)}x, ` +
        `preview --refresh ${ratio(atTarget.chatops.previewMs, atTarget.floor.previewMs)}x.`,
    );
  }
}

await main();

// Create throughput at the emulator's rate limit: N creates through the provider runtime's
// dispatch with `--parallel`-style concurrency, default client settings, and the emulator
// throttling above 20 requests per second per API action, as DingTalk does for internal
// apps (docs/wire-facts.md 2d). Prints markdown tables.
// Run after a build: `npm run build && node bench/throughput.bench.mjs [--count 100] [--parallel 32]`.
/* global console */
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { loadEmulator, loadRuntime } from './support/dist.mjs';
import { printEnvironment } from './support/environment.mjs';
import { configureFor, emulatorStackConfig, inParallel, steps } from './support/engine.mjs';
import { heading, printTable } from './support/table.mjs';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '100' },
    parallel: { type: 'string', default: '32' },
    rate: { type: 'string', default: '20' },
  },
});
const COUNT = Number(args.count);
const PARALLEL = Number(args.parallel);
const RATE = Number(args.rate);
/** The target: creates per second at least this share of what the limit allows. */
const TARGET = 0.8;

/**
 * Each scenario: the program of one resource, and how many calls one create spends on its
 * busiest API action (the action whose limit caps the create rate).
 */
const SCENARIOS = [
  {
    type: 'DingTalkGroup',
    count: COUNT,
    busiest: 'chat/create (1 per create)',
    callsOnBusiest: 1,
    news: (i) => ({ name: `load-${i}`, owner: 'alice', members: ['bob', 'carol'] }),
  },
  {
    type: 'DingTalkGroup',
    count: 200,
    busiest: 'chat/create (1 per create)',
    callsOnBusiest: 1,
    news: (i) => ({ name: `load-${i}`, owner: 'alice', members: ['bob', 'carol'] }),
  },
  {
    type: 'ChatConfiguration',
    count: COUNT,
    busiest: 'CreateChatConfiguration, GetChatConfiguration (1 each per create)',
    callsOnBusiest: 1,
    news: (i) => ({
      name: `load-${i}`,
      clientId: 'ding-app-key',
      clientSecret: 'load-secret',
      templateId: 'template.schema',
    }),
  },
  {
    type: 'SecurityCenterDingTalkNotification',
    count: COUNT,
    // The name check and the Id look-up of creates in flight together share DescribeDingTalk
    // listing pages, so the create action is the one that caps the rate.
    busiest: 'CreateOrUpdateDingTalk (1 per create; DescribeDingTalk look-ups shared)',
    callsOnBusiest: 1,
    news: (i) => ({
      name: `load-${i}`,
      webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=load${i}`,
    }),
  },
];

async function run(scenario, runtime, startEmulator) {
  const emulator = await startEmulator({ rateLimitPerSecond: RATE });
  try {
    await configureFor(runtime, emulatorStackConfig(emulator.url));
    const resource = steps(runtime, scenario.type);
    const programs = Array.from({ length: scenario.count }, (_, i) => scenario.news(i));
    const begin = performance.now();
    const results = await inParallel(programs, PARALLEL, (news) => resource.up(news));
    const seconds = (performance.now() - begin) / 1000;
    const log = emulator.requests();
    const failures = results.filter((r) => !r.ok);
    const apiRequests = Object.entries(log.counts)
      .filter(([key]) => !key.startsWith('dingtalk-tokens:'))
      .reduce((sum, [, n]) => sum + n, 0);
    const throttled = log.requests.filter((r) => r.throttled).length;
    const allowed = RATE / scenario.callsOnBusiest;
    const achieved = (scenario.count - failures.length) / seconds;
    return {
      scenario,
      seconds,
      achieved,
      allowed,
      share: achieved / allowed,
      failures,
      throttled,
      apiRequests,
      tokens:
        (log.counts['dingtalk-tokens:oauth2/accessToken'] ?? 0) +
        (log.counts['dingtalk-tokens:gettoken'] ?? 0),
      logComplete: log.requests.length === log.total,
    };
  } finally {
    await runtime.close();
    await emulator.stop();
  }
}

async function main() {
  const runtime = await loadRuntime();
  const { startEmulator } = await loadEmulator();
  const outcomes = [];
  for (const scenario of SCENARIOS) outcomes.push(await run(scenario, runtime, startEmulator));

  printEnvironment();
  heading(
    `Create throughput at ${RATE} requests/s per API action, ${PARALLEL} creates in flight (default client settings)`,
  );
  printTable(
    [
      'resource',
      'creates',
      'busiest API action',
      'creates/s the limit allows',
      'achieved creates/s',
      'share of what the limit allows',
      `>= ${TARGET}?`,
      `creates/s ÷ ${RATE}`,
      'failures',
      'throttled answers (retried)',
      'API requests',
      'token requests',
      'wall time (s)',
    ],
    outcomes.map((o) => [
      o.scenario.type,
      o.scenario.count,
      o.scenario.busiest,
      o.allowed.toFixed(1),
      o.achieved.toFixed(2),
      o.share.toFixed(2),
      o.share >= TARGET && o.failures.length === 0 ? 'yes' : 'no',
      (o.achieved / RATE).toFixed(2),
      o.failures.length,
      o.logComplete ? o.throttled : `${o.throttled} (log truncated)`,
      o.apiRequests,
      o.tokens,
      o.seconds.toFixed(2),
    ]),
  );
  for (const o of outcomes) {
    for (const failure of o.failures.slice(0, 3)) {
      console.log(`${o.scenario.type}: ${failure.error?.message ?? failure.error}`);
    }
  }
  if (outcomes.some((o) => o.failures.length > 0)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

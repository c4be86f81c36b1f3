// API calls per operation, against the emulator, through the provider runtime's dispatch
// (what the dynamic provider process runs), compared with the fewest calls the remote APIs
// allow (docs/wire-facts.md). Also: DingTalk token requests and STS caller-identity requests
// (the account guard) per provider process,
// and the bytes of `__provider` each resource stores in state. Prints markdown tables.
// Run after a build: `npm run build && node bench/api-calls.bench.mjs`.
/* global console */
import { Buffer } from 'node:buffer';
import process from 'node:process';
import pulumi from '@pulumi/pulumi';
import { loadEmulator, loadRuntime, loadStubProviders } from './support/dist.mjs';
import { printEnvironment } from './support/environment.mjs';
import { configureFor, emulatorStackConfig, inParallel, steps } from './support/engine.mjs';
import { heading, printTable } from './support/table.mjs';

const TYPES = [
  'ChatConfiguration',
  'SecurityCenterDingTalkNotification',
  'RobotPlugin',
  'DingTalkGroup',
];

/**
 * Requests the emulator received while `work` ran; DingTalk token requests and STS
 * GetCallerIdentity (asked once per key and process, for the account guard) counted apart.
 */
async function measure(emulator, work) {
  emulator.clearRequests();
  const value = await work();
  const { requests, total } = emulator.requests();
  if (requests.length !== total) throw new Error('the request log dropped entries');
  const isIdentity = (r) => r.family === 'sts' && r.action === 'GetCallerIdentity';
  const api = requests.filter((r) => r.family !== 'dingtalk-tokens' && !isIdentity(r));
  return {
    value,
    calls: api.length,
    actions: api.map((r) => r.action),
    tokens: requests.filter((r) => r.family === 'dingtalk-tokens').length,
    identity: requests.filter(isIdentity).length,
    throttled: requests.filter((r) => r.throttled).length,
  };
}

/** `a, a, b` -> `2× a, b`. */
function describeActions(actions) {
  if (actions.length === 0) return '(none)';
  const counts = new Map();
  for (const action of actions) counts.set(action, (counts.get(action) ?? 0) + 1);
  return [...counts].map(([action, n]) => (n > 1 ? `${n}× ${action}` : action)).join(', ');
}

function mustNotChange(diff, what) {
  if (diff.changes) throw new Error(`${what}: diff reported a change on an unchanged program`);
}

/**
 * The standard lifecycle of one resource, step by step as the engine runs it: `up` (check +
 * create), `preview` with no change (check + diff), read, `preview --refresh` (read, then
 * check + diff against the refreshed state), `up` of a one-field change (check + diff +
 * update), destroy (delete).
 */
async function standardRows(emulator, resource, spec) {
  const rows = [];
  const row = (operation, result, minimum) =>
    rows.push({ operation, ...result, minimum: minimum[0], why: minimum[1], note: minimum[2] });

  const created = await measure(emulator, () => resource.up(spec.program));
  row('create', created, spec.minimum.create);
  const { id, outs, inputs } = created.value;

  const noop = await measure(emulator, async () => {
    const checked = await resource.check(spec.program, inputs);
    mustNotChange(await resource.diff(id, outs, checked), 'no-op preview');
  });
  row('no-op preview (check + diff)', noop, [0, 'check and diff are offline']);

  const read = await measure(emulator, () => resource.read(id, outs));
  row('read', read, spec.minimum.read);

  const refresh = await measure(emulator, async () => {
    const refreshed = await resource.read(id, outs);
    const checked = await resource.check(spec.program, refreshed.inputs);
    mustNotChange(await resource.diff(id, refreshed.props, checked), 'refresh');
  });
  row('refresh (read, then check + diff)', refresh, spec.minimum.read);

  let current = outs;
  let currentInputs = inputs;
  for (const change of spec.changes) {
    const updated = await measure(emulator, async () => {
      const news = await resource.check({ ...spec.program, ...change.set }, currentInputs);
      const diff = await resource.diff(id, current, news);
      if (!diff.changes || diff.replaces.length > 0) {
        throw new Error(
          `${change.label}: expected an in-place update, got ${JSON.stringify(diff)}`,
        );
      }
      const { outs: after } = await resource.update(id, current, news);
      return { after, news };
    });
    row(`update (${change.label})`, updated, change.minimum);
    current = updated.value.after;
    currentInputs = updated.value.news;
  }

  const deleted = await measure(emulator, () => resource.delete(id, current));
  row(spec.deleteLabel ?? 'delete', deleted, spec.minimum.delete);
  return rows;
}

const SPECS = {
  ChatConfiguration: {
    program: {
      name: 'bench-bot',
      clientId: 'ding-app-key',
      clientSecret: 'bench-client-secret',
      templateId: 'bench.schema',
    },
    changes: [
      {
        label: 'templateId',
        set: { templateId: 'bench-v2.schema' },
        minimum: [
          1,
          'UpdateChatConfiguration, if Outputs (webhook URL, AesKey) do not change on Update [inferred]; the webhook URL is kept from state',
        ],
      },
    ],
    minimum: {
      create: [
        2,
        'CreateChatConfiguration + GetChatConfiguration: Create answers no Outputs, the webhook URL comes only from Get (docs/wire-facts.md 1a)',
      ],
      read: [
        1,
        'ListChatConfigurations: one page gives every stamp; a GetChatConfiguration only for a configuration whose UpdatedDate moved',
      ],
      delete: [1, 'DeleteChatConfiguration'],
    },
  },
  SecurityCenterDingTalkNotification: {
    program: {
      name: 'bench-alerts',
      webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=bench-webhook-token',
    },
    changes: [
      {
        label: 'intervalTime',
        set: { intervalTime: 300 },
        minimum: [1, 'CreateOrUpdateDingTalk with the Id'],
      },
      {
        label: 'enabled: false',
        set: { intervalTime: 300, enabled: false },
        minimum: [1, 'ModifyDingTalkStatus (the status has its own action)'],
      },
    ],
    minimum: {
      create: [
        2,
        'CreateOrUpdateDingTalk + DescribeDingTalk: Create answers no Id, Describe by name finds it (docs/wire-facts.md 1b)',
        '+1 by design: DescribeDingTalk by name before creating. Names are not unique remotely; it refuses (or, with adopt, takes over) a notification of that name instead of adding a second one that alerts twice, and tells a create committed twice by a retry from one that was there before.',
      ],
      read: [
        1,
        "DescribeDingTalk: the region's first page of 20, the documented size (Describe cannot filter by Id), which also serves the reads that follow",
      ],
      delete: [1, 'DeleteDingTalk'],
    },
  },
  RobotPlugin: {
    program: {
      robotCode: 'dingrobotops',
      plugins: [
        {
          name: { en_US: 'Deploy', zh_CN: '部署' },
          icon: '@lALPDtXaDkO3j7hgYA',
          pcUrl: 'https://ops.example.com/deploy',
        },
      ],
    },
    changes: [
      {
        label: 'plugin name',
        set: {
          plugins: [
            {
              name: 'Deploy now',
              icon: '@lALPDtXaDkO3j7hgYA',
              pcUrl: 'https://ops.example.com/deploy',
            },
          ],
        },
        minimum: [1, 'robot/plugins/set (replaces the whole list)'],
      },
    ],
    minimum: {
      create: [
        1,
        'robot/plugins/set (replaces the whole list)',
        '+1 by design: robot/plugins/query first. A plugin list has no owner; the query refuses to overwrite plugins someone else set unless adopt: true (and skips set when the list is already identical).',
      ],
      read: [1, 'robot/plugins/query'],
      delete: [1, 'robot/plugins/clear'],
    },
  },
  DingTalkGroup: {
    program: { name: 'bench-team', owner: 'alice', members: ['bob', 'carol'] },
    changes: [
      {
        label: 'name',
        set: { name: 'bench-team-2' },
        minimum: [1, 'chat/update with only the name (a flag that is sent is reset)'],
      },
      {
        label: 'add 45 members',
        set: { name: 'bench-team-2', members: ['bob', 'carol', ...users(45, 1)] },
        minimum: [2, 'chat/update takes at most 40 user ids per list: ceil(45 / 40) = 2'],
      },
    ],
    deleteLabel: 'delete (deletionPolicy retain, the default)',
    minimum: {
      create: [
        1,
        'chat/create (up to 40 user ids, owner included). The one token request of the process is counted apart',
      ],
      read: [1, 'chat/get'],
      delete: [
        0,
        'no API dismisses an ordinary group (docs/wire-facts.md 2c); a warning is printed',
      ],
    },
  },
};

function users(count, from) {
  return Array.from({ length: count }, (_, i) => `user${String(from + i).padStart(4, '0')}`);
}

/** Group operations whose call count grows with the member list. */
async function groupExtraRows(emulator, groups) {
  const rows = [];
  const big = await measure(emulator, () =>
    groups.up({ name: 'bench-big', owner: 'alice', members: users(99, 100) }),
  );
  rows.push({
    operation: 'create (100 members)',
    ...big,
    minimum: 3,
    why: 'chat/create with 40 user ids, then chat/update adding 40 per call: ceil(100 / 40) = 3',
  });
  const { id, outs } = big.value;
  const policy = await groups.check(
    { name: 'bench-big', owner: 'alice', members: users(99, 100), deletionPolicy: 'removeMembers' },
    big.value.inputs,
  );
  const policyUpdate = await measure(emulator, () => groups.update(id, outs, policy));
  rows.push({
    operation: 'update (deletionPolicy only)',
    ...policyUpdate,
    minimum: 0,
    why: 'a policy of this provider, not a DingTalk setting: nothing to send',
  });
  const emptied = policyUpdate.value.outs;
  const removed = await measure(emulator, () => groups.delete(id, emptied));
  rows.push({
    operation: 'delete (deletionPolicy removeMembers, 100 members)',
    ...removed,
    minimum: 4,
    why: 'chat/get (people who joined on their own are only known from it) + chat/update removing 40 per call: 1 + ceil(99 / 40) = 4',
  });
  return rows;
}

/** How many notifications the engine handles at once with its default `--parallel` here. */
const AT_ONCE = 8;

/**
 * Security Center notifications created and refreshed AT_ONCE at a time, as the engine runs
 * them: their DescribeDingTalk look-ups share listing pages (NotificationFinder).
 */
async function notificationBatchRows(emulator, notifications) {
  const rows = [];
  const names = Array.from({ length: AT_ONCE }, (_, i) => `bench-together-${i}`);
  const created = await measure(emulator, async () => {
    const results = await inParallel(names, AT_ONCE, (name) =>
      notifications.up({
        name,
        webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=bench-webhook-token',
      }),
    );
    const failed = results.filter((r) => !r.ok);
    if (failed.length > 0) throw failed[0].error;
    return results.map((r) => r.value);
  });
  rows.push({
    operation: `create, ${AT_ONCE} at once`,
    ...created,
    minimum: AT_ONCE + 1,
    why: `${AT_ONCE}× CreateOrUpdateDingTalk + 1 DescribeDingTalk listing page that finds every new Id (up to 20 notifications in the region)`,
    note: 'The name checks before creating share one listing (+1, as for one create); Id look-ups that finish apart each take a listing of their own.',
  });
  const refreshed = await measure(emulator, () =>
    Promise.all(created.value.map((c) => notifications.read(c.id, c.outs))),
  );
  rows.push({
    operation: `refresh, ${AT_ONCE} at once`,
    ...refreshed,
    minimum: 1,
    why: 'one DescribeDingTalk listing page of 20 holds them all',
  });
  await Promise.all(created.value.map((c) => notifications.delete(c.id, c.outs)));
  return rows;
}

/** A cold provider process whose first DingTalk calls all start at once. */
async function tokenRun(emulator, runtime) {
  const groups = steps(runtime, 'DingTalkGroup');
  const robots = steps(runtime, 'RobotPlugin');
  return measure(emulator, async () => {
    const created = await inParallel(
      Array.from({ length: 32 }, (_, i) => i),
      32,
      (i) => groups.up({ name: `token-${i}`, owner: 'alice', members: ['bob'] }),
    );
    const failed = created.filter((r) => !r.ok);
    if (failed.length > 0) throw failed[0].error;
    const robot = await robots.up({
      robotCode: 'dingrobottest',
      plugins: [{ name: 'Help', icon: '@lALPDtXaDkO3j7hgYA' }],
    });
    await Promise.all(created.map((r) => groups.read(r.value.id, r.value.outs)));
    await robots.read(robot.id, robot.outs);
    await robots.delete(robot.id, robot.outs);
  });
}

/** `__provider` as `dynamic.Resource` stores it: serializeFunction of `() => provider`. */
async function providerBytes() {
  const { providerFor, createStubProvider } = await loadStubProviders();
  const serialize = async (provider) =>
    (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
  const rows = [];
  for (const type of TYPES) {
    const text = await serialize(providerFor(type));
    const again = await serialize(createStubProvider(type));
    rows.push([type, Buffer.byteLength(text, 'utf8'), text === again ? 'yes' : 'no']);
  }
  return rows;
}

/** Silences the provider's console output (the group's delete warning) while `work` runs. */
async function quietly(work) {
  const log = console.log;
  console.log = () => {};
  try {
    return await work();
  } finally {
    console.log = log;
  }
}

async function main() {
  const runtime = await loadRuntime();
  const { startEmulator } = await loadEmulator();
  const emulator = await startEmulator();
  const results = [];
  let tokens;
  try {
    await configureFor(runtime, emulatorStackConfig(emulator.url));
    // First, while the process holds no token: many DingTalk calls at once.
    tokens = await tokenRun(emulator, runtime);
    for (const type of TYPES) {
      const resource = steps(runtime, type);
      const rows = await quietly(() => standardRows(emulator, resource, SPECS[type]));
      if (type === 'DingTalkGroup') rows.push(...(await groupExtraRows(emulator, resource)));
      if (type === 'SecurityCenterDingTalkNotification') {
        rows.push(...(await notificationBatchRows(emulator, resource)));
      }
      results.push(...rows.map((row) => ({ type, ...row })));
    }
  } finally {
    await runtime.close();
    await emulator.stop();
  }

  printEnvironment();
  heading('API calls per operation (default settings, emulator without throttling)');
  printTable(
    [
      'resource',
      'operation',
      'calls',
      'calls made',
      'minimum the API allows',
      'met?',
      'why that minimum',
      'note',
    ],
    results.map((r) => [
      r.type,
      r.operation,
      r.calls,
      describeActions(r.actions),
      r.minimum,
      r.calls === r.minimum ? 'yes' : r.calls > r.minimum && r.note ? 'no (by design)' : 'no',
      r.why,
      r.note ?? '',
    ]),
  );

  heading('DingTalk token requests per provider process');
  const dingtalkCalls =
    tokens.calls +
    results
      .filter((r) => r.type === 'RobotPlugin' || r.type === 'DingTalkGroup')
      .reduce((sum, r) => sum + r.calls, 0);
  const tokenRequests = tokens.tokens + results.reduce((sum, r) => sum + r.tokens, 0);
  printTable(
    ['run', 'DingTalk API calls', 'token requests', 'minimum', 'met?'],
    [
      [
        'cold process: 32 group creates at once, then a robot, 33 reads, a clear',
        tokens.calls,
        tokens.tokens,
        1,
        tokens.tokens === 1 ? 'yes' : 'no',
      ],
      [
        'the whole run (the above plus every operation in the first table)',
        dingtalkCalls,
        tokenRequests,
        1,
        tokenRequests === 1 ? 'yes' : 'no',
      ],
    ],
  );

  heading('STS caller-identity requests per provider process (the account guard)');
  const identityRequests = results.reduce((sum, r) => sum + r.identity, 0);
  printTable(
    ['run', 'Alibaba Cloud API calls', 'GetCallerIdentity requests', 'at most', 'met?'],
    [
      [
        'the whole run, one AccessKey: every operation of both Alibaba Cloud resources',
        results
          .filter(
            (r) =>
              r.type === 'ChatConfiguration' || r.type === 'SecurityCenterDingTalkNotification',
          )
          .reduce((sum, r) => sum + r.calls, 0),
        identityRequests,
        1,
        identityRequests <= 1 ? 'yes' : 'no',
      ],
    ],
  );

  heading('`__provider` bytes per resource (stored in state for every resource)');
  printTable(
    ['resource', '`__provider` bytes', 'same text for every resource of the type'],
    await providerBytes(),
  );

  if (results.some((r) => r.throttled > 0) || tokens.throttled > 0) {
    console.log('warning: the emulator throttled some requests; the counts include their retries');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

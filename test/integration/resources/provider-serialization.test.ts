import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningEmulator } from '../../../emulator';
import { createStubProvider, providerFor } from '../../../provider/program/stub-provider';
import { startAlicloudEmulator } from './alicloud-harness';
import { REPO_ROOT, run, serialize } from './serialize-provider';

const ROOT = REPO_ROOT;

/** Credentials placed in the environment before serializing: none may reach the text. */
const CANARY = {
  accessKeyId: 'LTAI-CANARY-SERIALIZE-7d3f9a',
  accessKeySecret: 'CANARY-ACCESS-SECRET-0b8e6c4a2f1d9e7c5a3b',
  securityToken: 'CANARY-STS-TOKEN-5e4d3c2b1a0f',
  dingtalkClientSecret: 'CANARY-DINGTALK-SECRET-a1b2c3d4e5f6',
};

/** Newest modification time of the TypeScript sources under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * The fresh process loads the installed package, i.e. `dist/`: build it when it is missing
 * or older than the sources (CI builds before testing, so this is a no-op there).
 */
async function ensureBuilt(): Promise<void> {
  const runtime = path.join(ROOT, 'dist/provider/runtime.js');
  const built = fs.existsSync(runtime) ? fs.statSync(runtime).mtimeMs : 0;
  const sources = Math.max(
    newestSource(path.join(ROOT, 'provider')),
    newestSource(path.join(ROOT, 'emulator')),
  );
  if (built >= sources) return;
  try {
    await run(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: ROOT,
        timeout: 180_000,
      },
    );
  } catch (error) {
    // tsc still emits when some other file has a type error; what matters here is dist.
    const after = fs.existsSync(runtime) ? fs.statSync(runtime).mtimeMs : 0;
    if (after < sources) throw error;
  }
}

/**
 * What the dynamic provider runner does with `__provider`, in a new Node process whose
 * working directory has the package installed (a link, as `npm link` makes): load the text
 * with require-from-string, call configure (no stack config here), check, create.
 */
const CHILD = `
const requireFromString = require(process.env.REQUIRE_FROM_STRING);
const fs = require('fs');
const provider = requireFromString(fs.readFileSync(process.argv[1], 'utf8')).handler();
(async () => {
  await provider.configure({ config: { get: () => undefined, require: (k) => { throw new Error(k); } } });
  const checked = await provider.check({}, JSON.parse(process.argv[2]));
  if (checked.failures.length > 0) throw new Error(JSON.stringify(checked.failures));
  const created = await provider.create(checked.inputs);
  process.stdout.write(JSON.stringify({ id: created.id, outs: created.outs }));
  process.exit(0);
})().catch((e) => { process.stderr.write(String(e && e.message)); process.exit(1); });
`;

async function createInFreshProcess(
  text: string,
  news: Record<string, unknown>,
  emu: RunningEmulator,
): Promise<{ id: string; outs: Record<string, unknown> }> {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'chatops-program-'));
  try {
    fs.mkdirSync(path.join(project, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(project, 'node_modules', 'pulumi-dingtalk-chatops'), 'dir');
    const providerFile = path.join(project, 'provider.js');
    fs.writeFileSync(providerFile, text);
    const { stdout } = await run(
      process.execPath,
      ['-e', CHILD, providerFile, JSON.stringify(news)],
      {
        cwd: project,
        timeout: 30_000,
        env: {
          PATH: process.env.PATH,
          REQUIRE_FROM_STRING: require.resolve('require-from-string'),
          ALIBABA_CLOUD_ACCESS_KEY_ID: CANARY.accessKeyId,
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: CANARY.accessKeySecret,
          ALIBABA_CLOUD_REGION: 'cn-hangzhou',
          ALIBABA_CLOUD_OOS_ENDPOINT: emu.url,
          ALIBABA_CLOUD_STS_ENDPOINT: emu.url,
          ALIBABA_CLOUD_SAS_ENDPOINT: emu.url,
        },
      },
    );
    return JSON.parse(stdout) as { id: string; outs: Record<string, unknown> };
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
}

const cases = [
  {
    type: 'ChatConfiguration',
    news: {
      name: 'serialized-bot',
      clientId: 'ding-app-key',
      clientSecret: 'serialized-client-secret',
      templateId: 't.schema',
    },
    stored: (emu: RunningEmulator) =>
      (emu.state() as unknown as { oos: { chatConfigurations: { name: string }[] } }).oos
        .chatConfigurations,
    expectedId: () => 'cn-hangzhou/serialized-bot',
  },
  {
    type: 'SecurityCenterDingTalkNotification',
    news: {
      name: 'serialized-alerts',
      webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=serialized-token',
    },
    stored: (emu: RunningEmulator) =>
      (emu.state() as unknown as { securityCenter: { notifications: { id: number }[] } })
        .securityCenter.notifications,
    expectedId: (emu: RunningEmulator) =>
      String(
        (emu.state() as unknown as { securityCenter: { notifications: { id: number }[] } })
          .securityCenter.notifications[0].id,
      ),
  },
];

describe.each(cases)('the serialized $type provider', ({ type, news, stored, expectedId }) => {
  let emu: RunningEmulator;
  const saved = { ...process.env };

  beforeAll(async () => {
    await ensureBuilt();
    emu = await startAlicloudEmulator({
      accessKeys: [{ accessKeyId: CANARY.accessKeyId, accessKeySecret: CANARY.accessKeySecret }],
    });
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = CANARY.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = CANARY.accessKeySecret;
    process.env.ALIBABA_CLOUD_SECURITY_TOKEN = CANARY.securityToken;
    process.env.DINGTALK_CLIENT_SECRET = CANARY.dingtalkClientSecret;
  }, 200_000);
  afterAll(async () => {
    process.env = saved;
    await emu.stop();
  });

  it('is small, holds no credential, and is identical for every resource of the type', async () => {
    const text = await serialize(providerFor(type));
    expect(text.length).toBeLessThan(4096);
    for (const value of Object.values(CANARY)) expect(text).not.toContain(value);
    expect(text).toContain('pulumi-dingtalk-chatops/provider-runtime');
    expect(text).toContain(JSON.stringify(type));
    // Two providers built independently serialize to the same bytes.
    expect(await serialize(createStubProvider(type))).toBe(text);
    expect(await serialize(createStubProvider(type))).toBe(await serialize(providerFor(type)));
  });

  it('creates an object in the emulator when loaded from its text in a fresh process', async () => {
    const text = await serialize(providerFor(type));
    const created = await createInFreshProcess(text, news, emu);
    expect(stored(emu)).toHaveLength(1);
    expect(created.id).toBe(expectedId(emu));
    expect(created.outs.name).toBe(news.name);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningEmulator } from '../../../emulator';
import { createStubProvider, providerFor } from '../../../provider/program/stub-provider';
import { DINGTALK_GROUP_TYPE } from '../../../provider/resources/dingtalk-group/schema';
import { ROBOT_PLUGIN_TYPE } from '../../../provider/resources/robot-plugin/schema';
import { emulatorConfig, startDingTalkEmulator } from './dingtalk-harness';
import { REPO_ROOT, run, serialize } from './serialize-provider';

/** Credential values in the environment while serializing: none may reach the text. */
const ENV_CREDENTIALS = {
  DINGTALK_CLIENT_ID: 'env-client-id-7f3a9c',
  DINGTALK_CLIENT_SECRET: 'env-client-secret-51e2d8',
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'env-access-key-id-c4b1',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-access-key-secret-9d0e',
};

/**
 * A fresh Node process that does what the dynamic provider runner does with the text:
 * load it as a module, call `handler()`, `configure`, then `create`. The package's runtime
 * entry resolves to the TypeScript source, transpiled on the fly, so no build is needed.
 */
const CHILD = `
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const root = process.env.REPO_ROOT;
const ts = require(path.join(root, 'node_modules', 'typescript'));
require.extensions['.ts'] = (m, file) => {
  const out = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  });
  m._compile(out.outputText, file);
};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'pulumi-dingtalk-chatops/provider-runtime') {
    return path.join(root, 'provider', 'runtime.ts');
  }
  return resolve.call(this, request, ...rest);
};
const file = path.join(root, '__provider.js');
const m = new Module(file);
m.filename = file;
m.paths = Module._nodeModulePaths(root);
m._compile(fs.readFileSync(process.env.PROVIDER_TEXT, 'utf8'), file);
const provider = m.exports.handler();
const config = JSON.parse(process.env.STACK_CONFIG);
(async () => {
  await provider.configure({ config: { get: (key) => config[key] } });
  const created = await provider.create(JSON.parse(process.env.INPUTS));
  process.stdout.write(JSON.stringify(created));
})().catch((e) => { console.error(e.message); process.exit(1); });
`;

async function createInFreshProcess(
  text: string,
  config: Record<string, string>,
  inputs: Record<string, unknown>,
): Promise<{ id: string; outs: Record<string, unknown> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'provider-text-'));
  try {
    const file = path.join(dir, 'provider.js');
    writeFileSync(file, text);
    const { stdout } = await run(process.execPath, ['-e', CHILD], {
      env: {
        PATH: process.env.PATH,
        REPO_ROOT,
        PROVIDER_TEXT: file,
        STACK_CONFIG: JSON.stringify(config),
        INPUTS: JSON.stringify(inputs),
      },
    });
    return JSON.parse(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each([
  {
    type: ROBOT_PLUGIN_TYPE,
    inputs: {
      robotCode: 'dingrobotops',
      plugins: [{ name: { en_US: 'Deploy', zh_CN: '部署' }, icon: '@i' }],
      adopt: false,
    },
    created: (emu: RunningEmulator, id: string) =>
      (emu.state() as { robotPlugins: Record<string, unknown[]> }).robotPlugins[id]?.length === 1,
  },
  {
    type: DINGTALK_GROUP_TYPE,
    inputs: { name: 'serialized', owner: 'alice', members: ['alice', 'bob'] },
    created: (emu: RunningEmulator, id: string) =>
      (emu.state() as { groupChats: Record<string, { name: string }> }).groupChats[id]?.name ===
      'serialized',
  },
])('the serialized $type provider', ({ type, inputs, created }) => {
  let emu: RunningEmulator;
  let text: string;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    emu = await startDingTalkEmulator();
    for (const [key, value] of Object.entries(ENV_CREDENTIALS)) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
    text = await serialize(providerFor(type));
  });
  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await emu.stop();
  });

  it('is a small stub free of credentials', () => {
    expect(Buffer.byteLength(text)).toBeLessThan(4096);
    expect(text).toContain('pulumi-dingtalk-chatops/provider-runtime');
    for (const value of Object.values(ENV_CREDENTIALS)) expect(text).not.toContain(value);
  });

  it('is byte-identical for every resource of the type', async () => {
    expect(await serialize(createStubProvider(type))).toBe(text);
    expect(await serialize(providerFor(type))).toBe(text);
  });

  it('creates the object in the emulator when loaded in a fresh Node process', async () => {
    const result = await createInFreshProcess(text, emulatorConfig(emu), inputs);
    expect(typeof result.id).toBe('string');
    expect(created(emu, result.id)).toBe(true);
    expect(emu.requests().counts['dingtalk-tokens:oauth2/accessToken']).toBe(1);
  });
});

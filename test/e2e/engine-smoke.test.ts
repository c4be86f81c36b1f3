import * as fs from 'node:fs';
import * as path from 'node:path';
import { Stack } from '@pulumi/pulumi/automation';
import { ensurePulumiCli } from './support/pulumi-cli';
import type { PulumiEnv } from './support/pulumi-env';
import { backendText, expectSucceeded, exportStackText, openPackedStack } from './support/stack';
import { makeTempDir, removeTempDir } from './support/temp-dir';

// Proves the harness and the engine before any resource of this package exists: a real CLI, a
// project with the packed package installed, two dynamic resources served by a provider written
// in the program, and the full up / preview / destroy cycle against a local file backend.

const PROJECT_NAME = 'engine-smoke';
const TOKEN = 'smoke-token-6f1e0c2b9a';

// The provider records each call in a ledger file, so the tests see that the provider process
// really ran create and delete, in dependency order.
const PROGRAM = `
const fs = require('fs');
const pulumi = require('@pulumi/pulumi');

const provider = {
  async create(inputs) {
    fs.appendFileSync(inputs.ledger, 'create ' + inputs.label + '\\n');
    return { id: 'greeting-' + inputs.label, outs: { ...inputs, greeting: 'hello ' + inputs.label } };
  },
  async diff(_id, olds, news) {
    const changes = olds.label !== news.label || olds.peer !== news.peer || olds.token !== news.token;
    return { changes, replaces: olds.label !== news.label ? ['label'] : [] };
  },
  async update(_id, olds, news) {
    return { outs: { ...olds, ...news, greeting: 'hello ' + news.label } };
  },
  async delete(_id, props) {
    fs.appendFileSync(props.ledger, 'delete ' + props.label + '\\n');
  },
};

class Greeting extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(provider, name, { greeting: undefined, peer: null, token: null, ...args }, opts);
  }
}

const config = new pulumi.Config();
const ledger = config.require('ledger');
const first = new Greeting('first', { label: 'alpha', ledger, token: config.requireSecret('token') });
const second = new Greeting('second', { label: 'beta', ledger, peer: first.greeting });

exports.firstId = first.id;
exports.firstGreeting = first.greeting;
exports.secondGreeting = second.greeting;
exports.secondPeer = second.peer;
exports.installedPackageVersion = require('pulumi-dingtalk-chatops/package.json').version;
`;

// The first CLI build happens in the e2e global setup; these cover npm install and engine runs.
const SETUP_TIMEOUT_MS = 10 * 60 * 1000;
const OPERATION_TIMEOUT_MS = 3 * 60 * 1000;

describe('the Pulumi engine runs dynamic resources from a packed install', () => {
  let workDir: string;
  let ledger: string;
  let env: PulumiEnv;
  let stack: Stack;

  beforeAll(async () => {
    const binDir = await ensurePulumiCli();
    workDir = makeTempDir(PROJECT_NAME);
    ledger = path.join(workDir, 'provider-calls.log');
    ({ env, stack } = await openPackedStack({
      workDir,
      binDir,
      name: PROJECT_NAME,
      program: PROGRAM,
      stackName: 'smoke',
    }));
    await stack.setConfig(`${PROJECT_NAME}:ledger`, { value: ledger });
    await stack.setConfig(`${PROJECT_NAME}:token`, { value: TOKEN, secret: true });
  }, SETUP_TIMEOUT_MS);

  afterAll(() => {
    removeTempDir(workDir);
  });

  it(
    'up creates both resources and exports their outputs',
    async () => {
      const result = await stack.up();

      expectSucceeded(result, { create: 3 });
      expect(result.outputs.firstId?.value).toBe('greeting-alpha');
      expect(result.outputs.firstGreeting?.value).toBe('hello alpha');
      expect(result.outputs.secondGreeting?.value).toBe('hello beta');
      expect(result.outputs.secondPeer?.value).toBe('hello alpha');
      expect(result.outputs.installedPackageVersion?.value).toBe(
        JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')).version,
      );
      expect(fs.readFileSync(ledger, 'utf8')).toBe('create alpha\ncreate beta\n');
    },
    OPERATION_TIMEOUT_MS,
  );

  it(
    'keeps the secret input encrypted in state',
    async () => {
      const exported = await exportStackText(stack, env);

      expect(exported).toContain('"greeting-alpha"');
      expect(exported).toContain('ciphertext');
      expect(exported).not.toContain(TOKEN);
      expect(backendText(env)).not.toContain(TOKEN);
    },
    OPERATION_TIMEOUT_MS,
  );

  it(
    'previews no changes right after up',
    async () => {
      const preview = await stack.preview({ expectNoChanges: true });

      expect(preview.changeSummary).toEqual({ same: 3 });
    },
    OPERATION_TIMEOUT_MS,
  );

  it(
    'destroy deletes both resources through the provider, dependents first',
    async () => {
      const result = await stack.destroy();

      expectSucceeded(result, { delete: 3 });
      expect(fs.readFileSync(ledger, 'utf8')).toBe(
        'create alpha\ncreate beta\ndelete beta\ndelete alpha\n',
      );
      const deployment = await stack.exportStack();
      expect(deployment.deployment.resources ?? []).toEqual([]);
    },
    OPERATION_TIMEOUT_MS,
  );
});

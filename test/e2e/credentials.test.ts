import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigMap, Stack } from '@pulumi/pulumi/automation';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { ISSUER, OIDC_PROVIDER, ROLE, accessKey } from '../support/ram-identities';
import { E2E_REGION } from './support/chatops-emulator';
import { ensurePulumiCli } from './support/pulumi-cli';
import type { PulumiEnv } from './support/pulumi-env';
import { backendText, exportStackText, openPackedStack } from './support/stack';
import { providerTexts, stateResources } from './support/state-document';
import { makeTempDir, removeTempDir } from './support/temp-dir';

// Credentials the way users hold them, on the real engine against the emulator's STS: a
// stack whose only Alibaba Cloud credential is an OIDC token file and a role (keys that
// expire every few seconds, renewed mid-run), one with a CLI profile in RamRoleArn mode, one
// with alicloud:assumeRole; and one program with two DingTalk apps and two accounts. No
// credential may reach state, `__provider` or the CLI's output.

const SETUP_TIMEOUT_MS = 10 * 60 * 1000;
const RUN_TIMEOUT_MS = 4 * 60 * 1000;

const BASE_KEY = accessKey('LTAI5tE2eCredsBase', 'E2eCredsBaseSecret6a1f9d3c');
const STAGING_KEY = accessKey('LTAI5tE2eCredsStaging', 'E2eCredsStagingSecret2c8b7e');
const OPS_APP = { appKey: 'dinge2eopsapp', appSecret: 'E2eOpsAppSecret4d9a1c7b' };
const SECURITY_APP = { appKey: 'dinge2esecurityapp', appSecret: 'E2eSecurityAppSecret8e3f0b' };
const ROBOTS = { ops: 'dinge2erobotopsapp', security: 'dinge2erobotsecapp' };
const CLIENT_SECRET = 'E2eCredsBotClientSecret5f2e';
const WEBHOOK_TOKEN = 'e2ecredswebhooktoken7c1d3a';

/** Unsigned JWT-shaped token, as a CI system writes to its token file. */
function oidcToken(): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return [
    part({ alg: 'none', typ: 'JWT' }),
    part({
      iss: ISSUER,
      aud: 'sts.aliyuncs.com',
      sub: 'repo:chatops:ref:refs/heads/main',
      exp: Math.floor(Date.now() / 1000) + 3600,
    }),
    'e2eoidcsignature',
  ].join('.');
}

/** The two Alibaba Cloud resources; `account` selects a named account when given. */
function alicloudProgram(prefix: string, account?: string): string {
  const accountLine = account ? `account: ${JSON.stringify(account)},` : '';
  return `'use strict';
const pulumi = require('@pulumi/pulumi');
const chatops = require('pulumi-dingtalk-chatops');
const config = new pulumi.Config();
new chatops.ChatConfiguration('bot', {
  name: '${prefix}-bot',
  type: 'DingTalk',
  clientId: 'dinge2ecredsbot',
  clientSecret: config.requireSecret('clientSecret'),
  templateId: '5d2b7c1e-0a3f-4e8b-9c6d-e2e000000009.schema',
  ${accountLine}
});
new chatops.SecurityCenterDingTalkNotification('alerts', {
  name: '${prefix}-alerts',
  webhookUrl: config.requireSecret('webhookUrl'),
  ${accountLine}
});
`;
}

const MULTI_PROGRAM = `'use strict';
const pulumi = require('@pulumi/pulumi');
const chatops = require('pulumi-dingtalk-chatops');
const config = new pulumi.Config();
const plugins = (name) => [{ name, icon: '@lALPe2eCreds', pcUrl: 'https://example.com/' + name }];
new chatops.RobotPlugin('ops-entries', { robotCode: '${ROBOTS.ops}', plugins: plugins('ops') });
new chatops.RobotPlugin('security-entries', {
  robotCode: '${ROBOTS.security}',
  plugins: plugins('security'),
  app: 'securityBot',
});
const bot = (name, account) =>
  new chatops.ChatConfiguration(name, {
    name,
    type: 'DingTalk',
    clientId: 'dinge2ecredsbot',
    clientSecret: config.requireSecret('clientSecret'),
    templateId: '5d2b7c1e-0a3f-4e8b-9c6d-e2e00000000a.schema',
    account,
  });
bot('prod-bot');
bot('staging-bot', 'staging');
`;

interface CredentialStack {
  emulator: RunningEmulator;
  workDir: string;
  env: PulumiEnv;
  stack: Stack;
  output: string[];
}

interface CredentialStackOptions {
  label: string;
  program: string;
  config: (workDir: string) => ConfigMap;
  env?: (workDir: string) => Record<string, string>;
  stsLifetimeSeconds?: number;
}

async function openCredentialStack(options: CredentialStackOptions): Promise<CredentialStack> {
  const binDir = await ensurePulumiCli();
  const workDir = makeTempDir(options.label);
  const emulator = await startEmulator({
    port: 0,
    accessKeys: [BASE_KEY, STAGING_KEY],
    ramRoles: [{ roleArn: ROLE, trustedAccessKeys: [BASE_KEY.accessKeyId] }],
    oidcProviders: [{ arn: OIDC_PROVIDER, issuer: ISSUER, clientIds: ['sts.aliyuncs.com'] }],
    stsLifetimeSeconds: options.stsLifetimeSeconds,
    dingtalkApps: [OPS_APP, SECURITY_APP],
    directory: {
      robots: [
        { robotCode: ROBOTS.ops, appKey: OPS_APP.appKey },
        { robotCode: ROBOTS.security, appKey: SECURITY_APP.appKey },
      ],
    },
  });
  try {
    const { env, stack } = await openPackedStack({
      workDir,
      binDir,
      name: options.label,
      program: options.program,
      stackName: 'e2e',
      envVars: options.env?.(workDir),
    });
    await stack.setAllConfig({
      'alicloud:region': { value: E2E_REGION },
      'chatops:oosEndpoint': { value: emulator.url },
      'chatops:sasEndpoint': { value: emulator.url },
      'chatops:stsEndpoint': { value: emulator.url },
      'chatops:dingtalkApiEndpoint': { value: emulator.url },
      'chatops:dingtalkOapiEndpoint': { value: emulator.url },
      clientSecret: { value: CLIENT_SECRET, secret: true },
      webhookUrl: {
        value: `https://oapi.dingtalk.com/robot/send?access_token=${WEBHOOK_TOKEN}`,
        secret: true,
      },
      ...options.config(workDir),
    });
    return { emulator, workDir, env, stack, output: [] };
  } catch (error) {
    await emulator.stop();
    removeTempDir(workDir);
    throw error;
  }
}

async function closeCredentialStack(setup: CredentialStack | undefined): Promise<void> {
  if (!setup) return;
  await setup.emulator.stop();
  removeTempDir(setup.workDir);
}

/**
 * Opens the stack `options()` describes before a describe's tests and closes it after them;
 * the function returned declares a test of that stack.
 */
function useCredentialStack(
  options: () => CredentialStackOptions,
): (name: string, test: (s: CredentialStack) => Promise<void>) => void {
  let setup: CredentialStack | undefined;
  beforeAll(async () => {
    setup = await openCredentialStack(options());
  }, SETUP_TIMEOUT_MS);
  afterAll(() => closeCredentialStack(setup));
  return (name, test) => it(name, () => test(setup as CredentialStack), RUN_TIMEOUT_MS);
}

/** The base access key as stack config. */
const BASE_KEY_CONFIG: ConfigMap = {
  'alicloud:accessKey': { value: BASE_KEY.accessKeyId },
  'alicloud:secretKey': { value: BASE_KEY.accessKeySecret, secret: true },
};

/** up, refresh with no changes, destroy: the two Alibaba Cloud objects come and go. */
async function lifecycle(setup: CredentialStack, prefix: string): Promise<void> {
  const up = await setup.stack.up();
  setup.output.push(up.stdout, up.stderr);
  expect(up.summary.result).toBe('succeeded');
  const state = setup.emulator.state() as unknown as {
    alicloud?: unknown;
  };
  expect(JSON.stringify(state)).toContain(`${prefix}-bot`);
  expect(JSON.stringify(state)).toContain(`${prefix}-alerts`);
  const refresh = await setup.stack.refresh({ expectNoChanges: true });
  setup.output.push(refresh.stdout, refresh.stderr);
  const destroy = await setup.stack.destroy();
  setup.output.push(destroy.stdout, destroy.stderr);
  expect(destroy.summary.result).toBe('succeeded');
  expect(JSON.stringify(setup.emulator.state())).not.toContain(`${prefix}-bot`);
}

/** Every Alibaba Cloud API call went out with keys STS issued for the role. */
function expectOnlyRoleKeys(emulator: RunningEmulator): void {
  const apiCalls = emulator
    .requests()
    .requests.filter((r) => r.family === 'oos' || r.family === 'security-center');
  expect(apiCalls.length).toBeGreaterThan(0);
  for (const call of apiCalls) {
    expect(call.principal).toMatch(/^STS\./);
    expect(call.role).toBe(ROLE);
  }
}

/** No credential in the state (current and history), `__provider`, or the CLI's output. */
async function expectNoSecretsAnywhere(setup: CredentialStack, extra: string[] = []) {
  const stateText = await exportStackText(setup.stack, setup.env);
  const texts = [stateText, backendText(setup.env), setup.output.join('\n')];
  const secrets = [
    BASE_KEY.accessKeySecret,
    STAGING_KEY.accessKeySecret,
    OPS_APP.appSecret,
    SECURITY_APP.appSecret,
    CLIENT_SECRET,
    WEBHOOK_TOKEN,
    ...extra,
  ];
  for (const text of texts) {
    for (const secret of secrets) expect(text).not.toContain(secret);
    // Security tokens STS issues (the emulator's start like the real ones: CAIS...).
    expect(text).not.toMatch(/CAIS[A-Za-z0-9]{20,}/);
  }
  for (const [, providers] of providerTexts(stateResources(stateText))) {
    for (const text of providers) {
      expect(text).not.toMatch(/accessKey|secret|STS\.|CAIS|oidc/i);
    }
  }
}

describe('an OIDC token file and a role as the only Alibaba Cloud credential', () => {
  let token: string;
  const itOnStack = useCredentialStack(() => {
    token = oidcToken();
    return {
      label: 'chatops-creds-oidc',
      program: alicloudProgram('oidc'),
      config: () => ({}),
      // Keys live 2 s and are renewed at half-life; Security Center answers slowly (below),
      // so one engine run outlives several of them.
      stsLifetimeSeconds: 2,
      env: (workDir) => {
        const tokenFile = path.join(workDir, 'oidc-token');
        fs.writeFileSync(tokenFile, token);
        return {
          ALIBABA_CLOUD_ROLE_ARN: ROLE,
          ALIBABA_CLOUD_OIDC_PROVIDER_ARN: OIDC_PROVIDER,
          ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
        };
      },
    };
  });

  itOnStack(
    'creates, refreshes and destroys, renewing keys that expire during the run',
    async (s) => {
      s.emulator.addFault({ family: 'security-center', kind: 'delay', delayMs: 1500 });
      const exchanges = () =>
        s.emulator.requests().requests.filter((r) => r.action === 'AssumeRoleWithOIDC');
      const up = await s.stack.up();
      s.output.push(up.stdout, up.stderr);
      // One provider process, keys renewed while it ran.
      expect(exchanges().length).toBeGreaterThanOrEqual(2);
      await s.stack.destroy().then((r) => s.output.push(r.stdout, r.stderr));
      await lifecycle(s, 'oidc');
      expectOnlyRoleKeys(s.emulator);
      expect(exchanges().every((r) => r.status === 200 && r.principal === undefined)).toBe(true);
      // A key may lapse while a slow call waits: that call is renewed and sent again once.
      const refused = s.emulator.requests().requests.filter((r) => r.errorCode !== undefined);
      expect(refused.every((r) => r.errorCode === 'InvalidSecurityToken.Expired')).toBe(true);
      await expectNoSecretsAnywhere(s, [token]);
    },
  );
});

describe('a CLI profile in RamRoleArn mode', () => {
  const itOnStack = useCredentialStack(() => ({
    label: 'chatops-creds-profile',
    program: alicloudProgram('profile'),
    config: (workDir) => {
      const file = path.join(workDir, 'aliyun-config.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          current: 'default',
          profiles: [
            {
              name: 'deployer',
              mode: 'RamRoleArn',
              access_key_id: BASE_KEY.accessKeyId,
              access_key_secret: BASE_KEY.accessKeySecret,
              ram_role_arn: ROLE,
              ram_session_name: 'e2e-profile',
            },
          ],
        }),
      );
      return {
        'alicloud:profile': { value: 'deployer' },
        'alicloud:sharedCredentialsFile': { value: file },
      };
    },
  }));

  itOnStack('creates, refreshes and destroys with the role the profile assumes', async (s) => {
    await lifecycle(s, 'profile');
    expectOnlyRoleKeys(s.emulator);
    const assumed = s.emulator.requests().requests.filter((r) => r.action === 'AssumeRole');
    expect(assumed.map((r) => r.principal)).toContain(BASE_KEY.accessKeyId);
    await expectNoSecretsAnywhere(s);
  });
});

describe('alicloud:assumeRole on top of stack config keys', () => {
  const itOnStack = useCredentialStack(() => ({
    label: 'chatops-creds-assume',
    program: alicloudProgram('assume'),
    config: () => ({
      ...BASE_KEY_CONFIG,
      'alicloud:assumeRole': {
        value: JSON.stringify({ roleArn: ROLE, sessionName: 'e2e-assume' }),
      },
    }),
  }));

  itOnStack('creates, refreshes and destroys with the assumed role', async (s) => {
    await lifecycle(s, 'assume');
    expectOnlyRoleKeys(s.emulator);
    await expectNoSecretsAnywhere(s);
  });
});

describe('two DingTalk apps and two Alibaba Cloud accounts in one program', () => {
  const itOnStack = useCredentialStack(() => ({
    label: 'chatops-creds-multi',
    program: MULTI_PROGRAM,
    config: () => ({
      ...BASE_KEY_CONFIG,
      'dingtalk:clientId': { value: OPS_APP.appKey },
      'dingtalk:clientSecret': { value: OPS_APP.appSecret, secret: true },
      'chatops:dingtalkApps': {
        value: JSON.stringify({
          securityBot: { clientId: SECURITY_APP.appKey, clientSecret: SECURITY_APP.appSecret },
        }),
        secret: true,
      },
      'chatops:alicloudAccounts': {
        value: JSON.stringify({
          staging: { accessKey: STAGING_KEY.accessKeyId, secretKey: STAGING_KEY.accessKeySecret },
        }),
        secret: true,
      },
    }),
  }));

  itOnStack('sends each call with the credentials of its resource', async (s) => {
    const up = await s.stack.up();
    s.output.push(up.stdout, up.stderr);
    expect(up.summary.result).toBe('succeeded');
    const destroy = await s.stack.destroy();
    s.output.push(destroy.stdout, destroy.stderr);

    const log = s.emulator.requests().requests;
    const principals = (match: (r: (typeof log)[number]) => boolean) =>
      new Set(log.filter(match).map((r) => r.principal));
    const robot = (code: string) => (r: (typeof log)[number]) =>
      r.family === 'robot-plugins' && (r.params as { robotCode?: string }).robotCode === code;
    expect(principals(robot(ROBOTS.ops))).toEqual(new Set([OPS_APP.appKey]));
    expect(principals(robot(ROBOTS.security))).toEqual(new Set([SECURITY_APP.appKey]));
    const chat = (name: string) => (r: (typeof log)[number]) =>
      r.family === 'oos' && (r.params as { Name?: string }).Name === name;
    expect(principals(chat('prod-bot'))).toEqual(new Set([BASE_KEY.accessKeyId]));
    expect(principals(chat('staging-bot'))).toEqual(new Set([STAGING_KEY.accessKeyId]));
    expect(log.filter((r) => r.status !== 200)).toEqual([]);
    await expectNoSecretsAnywhere(s);
  });

  itOnStack('refuses an app name that is not configured at preview, naming the key', async (s) => {
    s.emulator.clearRequests();
    fs.writeFileSync(
      path.join(s.stack.workspace.workDir, 'index.js'),
      MULTI_PROGRAM.replace("app: 'securityBot'", "app: 'noSuchApp'"),
    );
    const failure = await s.stack.preview().catch((e: unknown) => e);
    const message = String((failure as Error).message ?? failure);
    expect(message).toContain('noSuchApp');
    expect(message).toContain('chatops:dingtalkApps');
    expect(message).not.toContain(SECURITY_APP.appSecret);
    expect(s.emulator.requests().total).toBe(0);
  });
});

/** The identities that signed the two resources' API calls (not STS, not tokens). */
function apiPrincipals(emulator: RunningEmulator): Set<string | undefined> {
  return new Set(
    emulator
      .requests()
      .requests.filter((r) => r.family === 'oos' || r.family === 'security-center')
      .map((r) => r.principal),
  );
}

/** A home directory of the user running Pulumi, with the given files under it. */
function homeWith(workDir: string, files: Record<string, string>): string {
  const home = path.join(workDir, 'home');
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(home, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    fs.chmodSync(file, 0o600);
  }
  return home;
}

const iniProfile = (name: string, key: { accessKeyId: string; accessKeySecret: string }) =>
  `[${name}]\ntype = access_key\naccess_key_id = ${key.accessKeyId}\naccess_key_secret = ${key.accessKeySecret}\n`;

describe('the SDKs INI file at its default path, with no keys in stack config', () => {
  const itOnStack = useCredentialStack(() => ({
    label: 'chatops-creds-ini',
    program: alicloudProgram('ini'),
    config: () => ({}),
    env: (workDir) => ({
      HOME: homeWith(workDir, { '.alibabacloud/credentials': iniProfile('default', BASE_KEY) }),
    }),
  }));

  itOnStack('creates, refreshes and destroys with the default profile of the file', async (s) => {
    await lifecycle(s, 'ini');
    expect(apiPrincipals(s.emulator)).toEqual(new Set([BASE_KEY.accessKeyId]));
    await expectNoSecretsAnywhere(s);
  });
});

describe('the INI file named by ALIBABA_CLOUD_CREDENTIALS_FILE, profile by ALIBABA_CLOUD_PROFILE', () => {
  const itOnStack = useCredentialStack(() => ({
    label: 'chatops-creds-ini-env',
    program: alicloudProgram('inienv'),
    config: () => ({}),
    env: (workDir) => {
      const file = path.join(workDir, 'team-credentials.ini');
      fs.writeFileSync(file, iniProfile('default', BASE_KEY) + iniProfile('staging', STAGING_KEY));
      return { ALIBABA_CLOUD_CREDENTIALS_FILE: file, ALIBABA_CLOUD_PROFILE: 'staging' };
    },
  }));

  itOnStack('uses the named profile of the named file', async (s) => {
    await lifecycle(s, 'inienv');
    expect(apiPrincipals(s.emulator)).toEqual(new Set([STAGING_KEY.accessKeyId]));
    await expectNoSecretsAnywhere(s);
  });
});

describe('an External CLI profile, its file named with ~ in alicloud:sharedCredentialsFile', () => {
  const itOnStack = useCredentialStack(() => ({
    label: 'chatops-creds-external',
    program: alicloudProgram('external'),
    config: () => ({ 'alicloud:sharedCredentialsFile': { value: '~/cli/config.json' } }),
    env: (workDir) => {
      const helper = path.join(workDir, 'credential-helper.js');
      fs.writeFileSync(
        helper,
        `process.stdout.write(JSON.stringify({mode: 'AK', access_key_id: ${JSON.stringify(BASE_KEY.accessKeyId)}, access_key_secret: ${JSON.stringify(BASE_KEY.accessKeySecret)}}));`,
      );
      const config = {
        current: 'helper',
        profiles: [
          {
            name: 'helper',
            mode: 'External',
            process_command: `${JSON.stringify(process.execPath)} ${JSON.stringify(helper)}`,
          },
        ],
      };
      return { HOME: homeWith(workDir, { 'cli/config.json': JSON.stringify(config) }) };
    },
  }));

  itOnStack('runs the command and deploys with the keys it prints', async (s) => {
    await lifecycle(s, 'external');
    expect(apiPrincipals(s.emulator)).toEqual(new Set([BASE_KEY.accessKeyId]));
    await expectNoSecretsAnywhere(s);
  });
});

describe('both variable families set, as beside @pulumi/alicloud', () => {
  const itOnStack = useCredentialStack(() => ({
    label: 'chatops-creds-families',
    program: alicloudProgram('families'),
    config: () => ({}),
    env: () => ({
      ALIBABA_CLOUD_ACCESS_KEY_ID: BASE_KEY.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: BASE_KEY.accessKeySecret,
      ALICLOUD_ACCESS_KEY: STAGING_KEY.accessKeyId,
      ALICLOUD_SECRET_KEY: STAGING_KEY.accessKeySecret,
    }),
  }));

  itOnStack('uses the ALICLOUD_* keys, as @pulumi/alicloud and Terraform do', async (s) => {
    await lifecycle(s, 'families');
    expect(apiPrincipals(s.emulator)).toEqual(new Set([STAGING_KEY.accessKeyId]));
    await expectNoSecretsAnywhere(s);
  });
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunningEmulator } from '../../../emulator';
import { emptyState, type EmulatorState } from '../../../emulator/state';
import { toCommonJs } from '../../support/type-check';
import { startAlicloudEmulator } from '../resources/alicloud-harness';
import { codeShape, evaluateProgram, runAdoptCommand, type AdoptRun } from './adopt-harness';

/**
 * Every name, key and setting `chatops-adopt` writes into a program comes from the remote
 * side, where anyone with console access can type anything. Whatever they typed must stay
 * data: the printed program has the same code as for harmless names, and it declares the
 * exact text as it was found.
 */

const REGION = 'cn-hangzhou';

/** Text that would add code if it reached the program unescaped, in strings or comments. */
const HOSTILE = [
  `ops */ "); require('child_process').execSync('touch pwned'); //`,
  `x'\n}); process.exit(3); ({ y: '`,
  '`${process.exit(4)}` \u2028 process.exit(5) \u2029',
  `"]: 1 }); globalThis.pwned = true; ({ "`,
];

/** The same objects with harmless text of the same kinds (keys stay non-identifiers). */
const HARMLESS = ['ops bot', 'war room', 'on call', 'fourth one'];

function chatConfigurations(text: string[]): EmulatorState['oos']['chatConfigurations'] {
  const [a, b, c, d] = text;
  const at = Date.parse('2026-01-01T00:00:00Z');
  return [
    {
      regionId: REGION,
      name: a,
      type: 'DingTalk',
      ramRole: b,
      configuration: {
        DingTalkClientId: c,
        DingTalkClientSecret: 'set-in-the-console',
        DingTalkTemplateId: d,
      },
      outputs: { URL: 'https://1.appflow.aliyunnest.com/webhook/0123456789abcdef' },
      createdAt: at,
      updatedAt: at,
    },
    {
      regionId: REGION,
      // OOS takes printable names only: no line break here.
      name: c,
      type: 'WeChat',
      configuration: { [d]: a, [b]: b },
      outputs: { URL: 'https://1.appflow.aliyunnest.com/webhook/fedcba9876543210' },
      createdAt: at,
      updatedAt: at,
    },
  ];
}

function notifications(text: string[]): EmulatorState['securityCenter']['notifications'] {
  const [a, b, c, d] = text;
  const at = Date.parse('2026-01-01T00:00:00Z');
  const notification = (id: number) => ({
    id,
    ruleActionName: b,
    sendUrl: 'https://oapi.dingtalk.com/robot/send?access_token=untrustedtexttoken',
    status: 1 as const,
    intervalTime: 60,
    configList: JSON.stringify([{ type: a, configItemList: [{ key: d, valueList: [c] }] }]),
    groupIdList: '[]',
    language: 'en',
    gmtCreate: at,
    gmtModified: at,
  });
  // A duplicate of the name: it is listed in the header.
  return [notification(1), notification(2)];
}

describe('chatops-adopt and untrusted text from the remote side', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adopt-untrusted-'));
  const started: RunningEmulator[] = [];

  /** An emulator holding exactly these objects, as if typed into the consoles. */
  async function emulatorHolding(
    file: string,
    chats: EmulatorState['oos']['chatConfigurations'],
    sas: EmulatorState['securityCenter']['notifications'],
  ): Promise<RunningEmulator> {
    const state = emptyState();
    state.oos.chatConfigurations = chats;
    state.securityCenter.notifications = sas;
    state.securityCenter.nextId = sas.length + 1;
    const stateFile = path.join(dir, file);
    fs.writeFileSync(stateFile, JSON.stringify(state));
    const emu = await startAlicloudEmulator({ stateFile });
    started.push(emu);
    return emu;
  }

  async function programs(emu: RunningEmulator): Promise<{ js: AdoptRun; ts: AdoptRun }> {
    const common = ['--region', REGION, '--endpoint', emu.url];
    return {
      js: await runAdoptCommand([...common, '--language', 'javascript']),
      ts: await runAdoptCommand(common),
    };
  }

  afterAll(async () => {
    await Promise.all(started.map((emu) => emu.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes hostile names, keys and settings as data: the code is that of harmless ones', async () => {
    const hostile = await programs(
      await emulatorHolding('hostile.json', chatConfigurations(HOSTILE), notifications(HOSTILE)),
    );
    const harmless = await programs(
      await emulatorHolding('harmless.json', chatConfigurations(HARMLESS), notifications(HARMLESS)),
    );

    expect([hostile.js.code, hostile.ts.code, harmless.js.code]).toEqual([0, 0, 0]);
    expect(codeShape(hostile.js.stdout)).toEqual(codeShape(harmless.js.stdout));
    expect(codeShape(hostile.ts.stdout)).toEqual(codeShape(harmless.ts.stdout));
    // Nothing but the escaped literals carries the text: no line of the program is raw.
    for (const text of HOSTILE) {
      expect(hostile.ts.stdout).not.toContain(text);
      expect(hostile.js.stdout).not.toContain(text);
    }

    const declared = evaluateProgram(hostile.js.stdout);
    expect(evaluateProgram(toCommonJs(hostile.ts.stdout))).toEqual(declared);
    const [dingTalk, weCom, notification] = declared.map((d) => d.args);
    expect(dingTalk).toMatchObject({
      name: HOSTILE[0],
      ramRole: HOSTILE[1],
      clientId: HOSTILE[2],
      templateId: HOSTILE[3],
    });
    expect(weCom).toMatchObject({ name: HOSTILE[2] });
    expect(Object.keys(weCom.weComSettings as object).sort()).toEqual(
      [HOSTILE[3], HOSTILE[1]].sort(),
    );
    expect(notification).toMatchObject({
      name: HOSTILE[1],
      config: [{ type: HOSTILE[0], items: [{ key: HOSTILE[3], values: [HOSTILE[2]] }] }],
    });
    expect(declared).toHaveLength(3);
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it('refuses a configuration of an unknown type, printing no program', async () => {
    const [chat] = chatConfigurations(HARMLESS);
    const emu = await emulatorHolding(
      'unknown-type.json',
      [{ ...chat, type: `DingTalk"); require("child_process").execSync("id"); ("` as 'DingTalk' }],
      [],
    );

    const result = await runAdoptCommand(['--region', REGION, '--endpoint', emu.url]);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/has a type chatops-adopt does not know/);
    expect(result.stderr).toMatch(/expected DingTalk or WeChat/);
    expect(result.stderr).toContain('"ops bot"');
  });

  it('refuses a region that is not a region id before any request', async () => {
    const emu = await emulatorHolding('empty.json', [], []);
    emu.clearRequests();

    const result = await runAdoptCommand([
      '--region',
      `cn-hangzhou\n// "); process.exit(1)`,
      '--endpoint',
      emu.url,
    ]);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/must be a region id such as cn-hangzhou/);
    expect(emu.requests().total).toBe(0);
  });
});

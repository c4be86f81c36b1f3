/**
 * The acceptance suite (`npm run test:acceptance`), in the spirit of Terraform's TF_ACC: the
 * whole lifecycle of each resource against real accounts when `CHATOPS_ACCEPTANCE=real` and
 * the part's variables are set, against the emulator otherwise. Every call is recorded and
 * paired with the same scenario on a shadow emulator; the differences in shape go into
 * acceptance-report/. See README.md, "Acceptance suite (real accounts)".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningEmulator } from '../../emulator';
import { Cleanup } from './cleanup';
import { EMULATOR_SECRETS } from './emulator-fixture';
import { isOptedIn, missingVariables, SECRET_VARIABLES } from './environment';
import { failureReason } from './failure-reason';
import { uniqueName } from './names';
import type { FixtureSource, Part } from './part';
import { chatConfigurationPart } from './parts/chat-configuration';
import { dingTalkGroupPart } from './parts/dingtalk-group';
import { robotPluginPart } from './parts/robot-plugin';
import { securityCenterNotificationPart } from './parts/security-center-notification';
import { contractReport, pairCalls, partReport, writeReport, type PartReport } from './report';
import { openSession } from './session';
import { emulatorSettings, realSettings, seedingClients, startAcceptanceEmulator } from './targets';

const env = process.env;
const optedIn = isOptedIn(env);
const TARGET = optedIn
  ? 'real accounts (CHATOPS_ACCEPTANCE=real)'
  : 'emulator on 127.0.0.1 (CHATOPS_ACCEPTANCE is not "real": no real service is contacted)';
const REPORT_DIR = path.resolve(__dirname, '../../acceptance-report');
const PARTS: Part[] = [
  chatConfigurationPart,
  securityCenterNotificationPart,
  robotPluginPart,
  dingTalkGroupPart,
];
// Real services are paced (DingTalk about 20 calls a second per API) and far away.
const PART_TIMEOUT_MS = optedIn ? 300_000 : 30_000;

const results = new Map<string, PartReport>();
const cleanups: Cleanup[] = [];
let shadow: RunningEmulator;
/** The emulator standing in for real accounts when not opted in. */
let stand: RunningEmulator | undefined;

beforeAll(async () => {
  console.log(`acceptance suite target: ${TARGET}`);
  shadow = await startAcceptanceEmulator();
  if (!optedIn) stand = await startAcceptanceEmulator();
});

afterAll(async () => {
  // A part that timed out may still hold undo steps: run them before anything stops.
  const leftovers = (await Promise.all(cleanups.map((c) => c.drain()))).flat();
  await Promise.all([shadow?.stop(), stand?.stop()]);
  if (leftovers.length > 0) throw new Error(`cleanup failed:\n  ${leftovers.join('\n  ')}`);
});

function tracked(): Cleanup {
  const cleanup = new Cleanup();
  cleanups.push(cleanup);
  return cleanup;
}

/** The part on the target, then the same scenario on the shadow emulator, paired. */
async function runPart(part: Part): Promise<void> {
  const target = openSession(stand ? emulatorSettings(stand) : realSettings(env), optedIn);
  const mirror = openSession(emulatorSettings(shadow), false);
  const seedMirror = seedingClients(shadow);
  const seedStand = stand ? seedingClients(stand) : undefined;
  const source: FixtureSource = seedStand
    ? { kind: 'emulator', direct: seedStand }
    : { kind: 'environment', env };
  const paired = () => pairCalls(target.recorder.calls, mirror.recorder.calls);
  try {
    const original = await part.run(target, source, tracked());
    await part.run(mirror, { kind: 'emulator', direct: seedMirror, like: original }, tracked());
    results.set(part.name, partReport(part.name, 'passed', paired()));
  } catch (error) {
    results.set(part.name, partReport(part.name, 'failed', paired(), failureReason(error)));
    throw error;
  } finally {
    await Promise.all([target.close(), mirror.close(), seedMirror.close(), seedStand?.close()]);
  }
}

describe(`acceptance: ${TARGET}`, () => {
  for (const part of PARTS) {
    const missing = optedIn ? missingVariables(part.variables, env) : [];
    if (missing.length > 0) {
      const reason = `missing ${missing.join(', ')}`;
      results.set(part.name, partReport(part.name, 'not run', [], reason));
      test.skip(`${part.name}: not run (${reason})`, () => undefined);
      continue;
    }
    test(
      `${part.name}: create, read, update, read, no diff after apply, delete, read`,
      () => runPart(part),
      PART_TIMEOUT_MS,
    );
  }

  test('writes the contract report: shapes only, no secret, no difference on the emulator', () => {
    const report = contractReport(
      TARGET,
      PARTS.map((p) => results.get(p.name) ?? partReport(p.name, 'failed', [], 'did not finish')),
    );
    const files = writeReport(REPORT_DIR, report);
    const { calls, differences, notRun } = report.totals;
    console.log(
      `acceptance suite target: ${TARGET}\ncontract report: ${files.json} and ${files.md}\n` +
        `${calls} calls paired with the emulator, ${differences} shape differences` +
        (notRun.length > 0 ? `; not run: ${notRun.join(', ')}` : ''),
    );

    const written = readFileSync(files.json, 'utf8') + readFileSync(files.md, 'utf8');
    const secrets = [
      ...EMULATOR_SECRETS,
      ...SECRET_VARIABLES.map((name) => env[name] ?? '').filter((value) => value.length >= 6),
    ];
    for (const secret of secrets) expect(written.includes(secret)).toBe(false);
    // Not even the names of the objects it made: the report holds field names and types.
    expect(written).not.toContain(uniqueName());
    if (!optedIn) expect(differences).toBe(0);
  });
});

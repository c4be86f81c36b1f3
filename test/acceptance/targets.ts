import { startEmulator, type RunningEmulator } from '../../emulator';
import { createClients, type Clients } from '../../provider/clients';
import {
  resolveSettings,
  withDefaults,
  type SettingsWithDefaults,
} from '../../provider/config/settings';
import {
  EMULATOR_ALICLOUD_KEY,
  EMULATOR_DINGTALK_APP,
  EMULATOR_ROBOT_CODE,
} from './emulator-fixture';
import { assertLoopbackSettings } from './loopback-guard';

/** An emulator on 127.0.0.1 that knows the suite's distinctive credentials. */
export function startAcceptanceEmulator(): Promise<RunningEmulator> {
  return startEmulator({
    accessKeys: [EMULATOR_ALICLOUD_KEY],
    dingtalkApps: [EMULATOR_DINGTALK_APP],
    directory: {
      robots: [
        {
          robotCode: EMULATOR_ROBOT_CODE,
          name: 'Acceptance robot',
          appKey: EMULATOR_DINGTALK_APP.appKey,
        },
      ],
    },
  });
}

/**
 * Settings that reach only `emu`: every endpoint explicit, credentials the emulator's own.
 * The environment is not read, so a user's real keys never travel to the emulator either.
 */
export function emulatorSettings(emu: RunningEmulator): SettingsWithDefaults {
  const settings = withDefaults({
    ...EMULATOR_ALICLOUD_KEY,
    region: 'cn-hangzhou',
    dingtalkClientId: EMULATOR_DINGTALK_APP.appKey,
    dingtalkClientSecret: EMULATOR_DINGTALK_APP.appSecret,
    oosEndpoint: emu.url,
    stsEndpoint: emu.url,
    sasEndpoint: emu.url,
    dingtalkApiEndpoint: emu.url,
    dingtalkOapiEndpoint: emu.url,
    // The emulator answers at once: the default pacing would only slow the run.
    alicloudRatePerSecond: 1000,
    dingtalkRatePerSecond: 1000,
    requestTimeoutMs: 5000,
  });
  assertLoopbackSettings(settings, false);
  return settings;
}

/**
 * Settings of a real run: credentials from the environment, endpoints from the same
 * defaults (and overrides) the provider uses for any user.
 */
export function realSettings(env: NodeJS.ProcessEnv): SettingsWithDefaults {
  return resolveSettings({}, env);
}

/** Unrecorded clients for seeding an emulator (what a person would have set up before). */
export function seedingClients(emu: RunningEmulator): Clients {
  const settings = emulatorSettings(emu);
  return createClients(() => settings);
}

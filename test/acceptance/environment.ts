/**
 * The environment of an acceptance run. Real accounts are used only with the explicit
 * opt-in `CHATOPS_ACCEPTANCE=real`; anything else runs against the emulator.
 */
export const OPT_IN_VARIABLE = 'CHATOPS_ACCEPTANCE';
export const OPT_IN_VALUE = 'real';

export function isOptedIn(env: NodeJS.ProcessEnv): boolean {
  return env[OPT_IN_VARIABLE] === OPT_IN_VALUE;
}

/** The variables among `required` that are unset or empty (names only). */
export function missingVariables(required: readonly string[], env: NodeJS.ProcessEnv): string[] {
  return required.filter((name) => (env[name] ?? '').trim() === '');
}

/** A variable that `missingVariables` already proved set. */
export function variable(env: NodeJS.ProcessEnv, name: string): string {
  const value = (env[name] ?? '').trim();
  if (value === '') throw new Error(`${name} is not set`);
  return value;
}

export const ALICLOUD_KEY_VARIABLES = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
] as const;
export const DINGTALK_APP_VARIABLES = ['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET'] as const;

/** Values that must never reach the report or the output, from wherever a run took them. */
export const SECRET_VARIABLES = [
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_SECURITY_TOKEN',
  'DINGTALK_CLIENT_SECRET',
  'CHATOPS_ACCEPTANCE_SAS_WEBHOOK_URL',
] as const;

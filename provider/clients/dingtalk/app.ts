import { ProviderSettings } from '../../config/settings';
import { dingtalkAppsSchema, parseStructuredSetting } from '../../credentials/config-input';
import { ChatOpsError } from '../../errors';
import { registerSecret } from '../../http/redact';

/** New API (`/v1.0/...`) and access tokens. */
export const DEFAULT_DINGTALK_API_ENDPOINT = 'https://api.dingtalk.com';
/** Old API (`/chat/...`). */
export const DEFAULT_DINGTALK_OAPI_ENDPOINT = 'https://oapi.dingtalk.com';

/** One DingTalk application: whose token to use, and where to get it. */
export interface DingTalkApp {
  apiEndpoint: string;
  clientId: string;
  clientSecret: string;
}

/** The stack config key of the named apps. */
export const APPS_KEY = 'chatops:dingtalkApps';

/** The named apps of `chatops:dingtalkApps`, checked. */
export function dingtalkApps(
  settings: ProviderSettings,
): Record<string, { clientId: string; clientSecret: string }> {
  if (settings.dingtalkApps === undefined) return {};
  return parseStructuredSetting(dingtalkAppsSchema, settings.dingtalkApps, APPS_KEY);
}

/** The message of an app name that is not configured (also used by `check`). */
export function unknownApp(name: string, known: string[], operation?: string): ChatOpsError {
  return new ChatOpsError({
    code: 'CONFIGURATION_ERROR',
    message: `No DingTalk app named "${name}": add it to the stack config ${APPS_KEY} (pulumi config set --secret ${APPS_KEY} '{"${name}": {"clientId": "...", "clientSecret": "..."}}')${known.length > 0 ? `; it has ${known.map((n) => `"${n}"`).join(', ')}` : ''}.`,
    operation,
  });
}

/**
 * Resolves the app from the settings at call time: the named one of `chatops:dingtalkApps`,
 * or the stack's own. The secret is registered for redaction.
 */
export function dingtalkApp(
  settings: ProviderSettings,
  operation: string,
  name?: string,
): DingTalkApp {
  const named = name === undefined ? undefined : namedApp(settings, name, operation);
  const clientId = named?.clientId ?? settings.dingtalkClientId;
  const clientSecret = named?.clientSecret ?? settings.dingtalkClientSecret;
  if (!clientId || !clientSecret) {
    throw new ChatOpsError({
      code: 'CONFIGURATION_ERROR',
      message: `${operation} needs a DingTalk application: set dingtalk:clientId and dingtalk:clientSecret in the stack config, or DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET in the environment.`,
      operation,
    });
  }
  registerSecret(clientSecret, 'credential');
  return {
    apiEndpoint: settings.dingtalkApiEndpoint ?? DEFAULT_DINGTALK_API_ENDPOINT,
    clientId,
    clientSecret,
  };
}

function namedApp(settings: ProviderSettings, name: string, operation: string) {
  const apps = dingtalkApps(settings);
  if (!Object.prototype.hasOwnProperty.call(apps, name)) {
    throw unknownApp(name, Object.keys(apps), operation);
  }
  return apps[name];
}

export function oapiEndpoint(settings: ProviderSettings): string {
  return settings.dingtalkOapiEndpoint ?? DEFAULT_DINGTALK_OAPI_ENDPOINT;
}

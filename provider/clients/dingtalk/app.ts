import { ProviderSettings } from '../../config/settings';
import { ChatOpsError } from '../../http/errors';
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

/** Resolves the app from the settings at call time; the secret is registered for redaction. */
export function dingtalkApp(settings: ProviderSettings, operation: string): DingTalkApp {
  const { dingtalkClientId: clientId, dingtalkClientSecret: clientSecret } = settings;
  if (!clientId || !clientSecret) {
    throw new ChatOpsError({
      code: 'CONFIGURATION_ERROR',
      message: `${operation} needs a DingTalk application: set dingtalk:clientId and dingtalk:clientSecret in the stack config, or DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET in the environment.`,
      operation,
    });
  }
  registerSecret(clientSecret);
  return {
    apiEndpoint: settings.dingtalkApiEndpoint ?? DEFAULT_DINGTALK_API_ENDPOINT,
    clientId,
    clientSecret,
  };
}

export function oapiEndpoint(settings: ProviderSettings): string {
  return settings.dingtalkOapiEndpoint ?? DEFAULT_DINGTALK_OAPI_ENDPOINT;
}

import { ProviderSettings, SettingsWithDefaults, withDefaults } from '../../config/settings';
import { HttpLayer } from '../../http/http-layer';
import { operationSpec } from '../operation-spec';
import { DingTalkApp, dingtalkApp } from './app';
import { DingTalkErrorContext } from './errors';
import { TokenCache } from './token-cache';

/** What a call says about itself, whichever of the two DingTalk APIs it goes to. */
export interface DingTalkCall {
  /** e.g. `dingtalk:chat/create`. */
  operation: string;
  idempotent: boolean;
  /** Permission point named in a PERMISSION_DENIED message. */
  permission?: string;
  /**
   * Codes that mean "this object does not exist" (gone-answers.ts); for the old API, its
   * errcodes as text.
   */
  goneCodes?: ReadonlySet<string>;
}

/**
 * What the old and the new DingTalk API clients share: the app a call is made for, its
 * access token, and the HTTP layer's pacing and retries around every attempt.
 */
export abstract class DingTalkApiClient {
  constructor(
    protected readonly http: HttpLayer,
    private readonly tokens: TokenCache,
    private readonly getSettings: () => ProviderSettings,
    /** The named app of `chatops:dingtalkApps` this client calls for; none: the stack's own. */
    private readonly appName?: string,
  ) {}

  /** The clientId (AppKey) of the app this client calls for: public, never a secret. */
  appClientId(operation: string): string {
    return dingtalkApp(withDefaults(this.getSettings()), operation, this.appName).clientId;
  }

  /**
   * Runs `attempt` (as often as the HTTP layer retries it) with the app's token and the time
   * the attempt may take; `target` is the call's URL without the token.
   */
  protected async withToken<T>(
    call: DingTalkCall,
    target: (settings: SettingsWithDefaults, app: DingTalkApp) => URL,
    attempt: (token: string, url: URL, timeoutMs: number) => Promise<T>,
  ): Promise<T> {
    const settings = withDefaults(this.getSettings());
    const app = dingtalkApp(settings, call.operation, this.appName);
    const url = target(settings, app);
    return this.tokens.withToken(app, (token) =>
      this.http.execute(
        operationSpec(settings, 'dingtalk', { ...call, url, scope: this.appName }),
        ({ timeoutMs }) => attempt(token, url, timeoutMs),
      ),
    );
  }
}

/** The context an answer's errors are built with, taken when the answer arrives. */
export function errorContext(call: DingTalkCall): DingTalkErrorContext {
  return {
    operation: call.operation,
    permission: call.permission,
    goneCodes: call.goneCodes,
    nowMs: Date.now(),
  };
}

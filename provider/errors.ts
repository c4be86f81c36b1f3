/**
 * The one error family of the package: every error it throws is a {@link ChatOpsError} (or a
 * subclass) with a stable `code`. Callers, tests and users branch on the code; the README's
 * "Troubleshooting" lists every code with what to do about it.
 *
 * @packageDocumentation
 */
import { withoutControlCharacters } from './http/control-characters';
import { redact } from './http/redact';

/** Our stable error codes: callers branch on these, never on remote codes or messages. */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'GONE_UNPROVEN'
  | 'WRONG_ACCOUNT'
  | 'ALREADY_EXISTS'
  | 'INVALID_INPUT'
  | 'AUTH_FAILED'
  | 'PERMISSION_DENIED'
  | 'THROTTLED'
  | 'QUOTA_EXCEEDED'
  | 'LIMIT_EXCEEDED'
  | 'REMOTE_UNAVAILABLE'
  | 'API_UNAVAILABLE'
  | 'TRANSPORT_ERROR'
  | 'TIMEOUT'
  | 'DEADLINE_EXCEEDED'
  | 'BANNED'
  | 'REMOTE_ERROR'
  | 'CONFIGURATION_ERROR'
  | 'PARTIAL_FAILURE'
  | 'OUTCOME_UNKNOWN'
  | 'READ_BACK_FAILED'
  | 'USAGE_ERROR'
  | 'UNSUPPORTED'
  | 'INTERNAL_ERROR';

export interface ChatOpsErrorInit {
  code: ErrorCode;
  /** Says what happened and what to do about it. Redacted before it is stored. */
  message: string;
  remoteCode?: string;
  requestId?: string;
  retryable?: boolean;
  operation?: string;
  httpStatus?: number;
  retryAfterMs?: number;
  notProcessed?: boolean;
}

/**
 * The error type of the package. Every string it holds is redacted at
 * construction, so neither the message, the stack nor any property can carry a secret; and
 * stripped of control characters, since messages quote remote answers and reach a terminal.
 */
export class ChatOpsError extends Error {
  readonly code: ErrorCode;
  readonly remoteCode?: string;
  readonly requestId?: string;
  readonly retryable: boolean;
  readonly operation?: string;
  readonly httpStatus?: number;
  /** Wait the remote asked for (`x-acs-retry-after` / `Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;
  /**
   * True when the remote certainly did not act on the request (it was throttled, banned,
   * or the connection never opened): only then is a non-idempotent call repeated.
   */
  readonly notProcessed?: boolean;

  constructor(init: ChatOpsErrorInit) {
    // Redact first, then shorten: cutting first could leave part of a secret unmatched. Strip
    // control characters after redacting: the patterns rely on line breaks to end a header.
    super(shorten(printable(init.message), MAX_MESSAGE_LENGTH));
    this.name = 'ChatOpsError';
    this.code = init.code;
    this.retryable = init.retryable ?? false;
    assignDefined(this, 'remoteCode', shortenOptional(printableOptional(init.remoteCode)));
    assignDefined(this, 'requestId', shortenOptional(printableOptional(init.requestId)));
    assignDefined(this, 'operation', printableOptional(init.operation));
    assignDefined(this, 'httpStatus', init.httpStatus);
    assignDefined(this, 'retryAfterMs', init.retryAfterMs);
    assignDefined(this, 'notProcessed', init.notProcessed);
  }
}

/** Redacted, on one line, with nothing a terminal would act on. */
function printable(text: string): string {
  return withoutControlCharacters(redact(text));
}

function printableOptional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : printable(text);
}

/** Remote answers are quoted in messages; a huge body must not make a huge error. */
const MAX_MESSAGE_LENGTH = 4000;

function shorten(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}... (${text.length - max} more characters)`;
}

/** True for a ChatOpsError, and when `code` is given, for one with that code. */
export function isChatOpsError(e: unknown, code?: ErrorCode): e is ChatOpsError {
  return e instanceof ChatOpsError && (code === undefined || e.code === code);
}

function shortenOptional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : shorten(text, 200);
}

/** Optional fields stay absent rather than `undefined`, so they do not clutter logs. */
function assignDefined<K extends keyof ChatOpsError>(
  target: ChatOpsError,
  key: K,
  value: ChatOpsError[K] | undefined,
): void {
  if (value !== undefined) (target as unknown as Record<string, unknown>)[key] = value;
}

/** Thrown by `create` when the object exists and the user did not ask to adopt it. */
export class AlreadyExists extends ChatOpsError {
  constructor(what: string, identity: string) {
    super({
      code: 'ALREADY_EXISTS',
      message:
        `${what} ${identity} already exists; set adopt: true to manage it with this stack, ` +
        'or choose another name',
    });
    this.name = 'AlreadyExists';
  }
}

/**
 * An error thrown from `create` or `update` after the remote object was created or changed
 * but before the operation finished (for example the read-back failed). The runner sees
 * `id` and `properties` and reports a partial failure, so the engine keeps the object in
 * state instead of losing track of it. Secret fields are left out of `properties` (see
 * `partialFailure` in lifecycle/partial-failure.ts); the provider runtime adds `__provider`
 * before the runner sees it.
 */
export class PartialFailure extends ChatOpsError {
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(message: string, id: string, properties: Record<string, unknown>) {
    super({ code: 'PARTIAL_FAILURE', message });
    this.name = 'PartialFailure';
    this.id = id;
    this.properties = properties;
    this.reasons = [this.message];
  }
}

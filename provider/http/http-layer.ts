import { Dispatcher } from 'undici';
import { BackoffOptions, DEFAULT_BACKOFF } from './backoff';
import { Clock, systemClock } from './clock';
import { LogSink, Logger } from './log';
import { Pacer } from './pacer';
import { AttemptContext, runWithRetry } from './retry';
import { HttpRequest, HttpResponse, HttpTransport } from './transport';

export interface HttpLayerOptions {
  /** Replaces the per-origin pools (undici MockAgent in tests). */
  dispatcher?: Dispatcher;
  clock?: Clock;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  backoff?: Partial<BackoffOptions>;
  log?: LogSink;
  /** Calls that may go back to back per pacing key before spacing starts. */
  burst?: number;
}

/** How one operation is run: its name, pacing key and rate, and retry limits. */
export interface OperationSpec {
  /** e.g. `oos:CreateChatConfiguration`, `dingtalk:chat/create`. */
  operation: string;
  /** Origin of the endpoint: together with the operation it selects the pacing bucket. */
  origin: string;
  /**
   * The account or app the call is made for, when not the stack's own: the remotes count
   * their limits per account (Alibaba Cloud) or per app (DingTalk), so each gets its own bucket.
   */
  scope?: string;
  ratePerSecond: number;
  idempotent: boolean;
  maxAttempts: number;
  requestTimeoutMs: number;
  operationDeadlineMs: number;
}

/**
 * The HTTP machinery shared by every client of one process: connection pools, pacing
 * buckets, backoff, clock and log. Clients describe an operation and supply one attempt;
 * this runs it paced, with timeouts, retries and the deadline.
 */
export class HttpLayer {
  readonly clock: Clock;
  readonly logger: Logger;
  private readonly transport: HttpTransport;
  private readonly pacer: Pacer;
  private readonly random: () => number;
  private readonly backoff: BackoffOptions;

  constructor(options: HttpLayerOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.logger = new Logger(options.log);
    this.transport = new HttpTransport({ dispatcher: options.dispatcher });
    this.pacer = new Pacer({ clock: this.clock, burst: options.burst });
    this.random = options.random ?? Math.random;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  }

  execute<T>(spec: OperationSpec, attempt: (ctx: AttemptContext) => Promise<T>): Promise<T> {
    const paceKey = `${spec.origin} ${spec.operation}${spec.scope ? ` ${spec.scope}` : ''}`;
    return runWithRetry(
      {
        operation: spec.operation,
        idempotent: spec.idempotent,
        policy: {
          maxAttempts: spec.maxAttempts,
          requestTimeoutMs: spec.requestTimeoutMs,
          operationDeadlineMs: spec.operationDeadlineMs,
          backoff: this.backoff,
        },
        clock: this.clock,
        random: this.random,
        logger: this.logger,
        beforeAttempt: (deadlineAt) =>
          this.pacer.acquire(paceKey, spec.ratePerSecond, deadlineAt, spec.operation),
        onRetryableFailure: (error) => {
          if (error.code === 'THROTTLED') this.pacer.yieldSlot(paceKey, spec.ratePerSecond);
        },
      },
      attempt,
    );
  }

  send(req: HttpRequest): Promise<HttpResponse> {
    return this.transport.send(req);
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

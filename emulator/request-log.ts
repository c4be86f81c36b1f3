import type { FaultKind } from './faults';
import type { ApiFamily } from './options';
import { redactRecord } from './redact';

export interface RequestLogEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  family?: ApiFamily;
  action: string;
  requestId: string;
  /** The access key id or DingTalk app key the call authenticated as, if it did. */
  principal?: string;
  /** The Alibaba Cloud account of that access key (absent for DingTalk and anonymous calls). */
  account?: string;
  /** For keys STS issued: the role they belong to. */
  role?: string;
  /** Query and body parameters, secrets redacted. */
  params: Record<string, unknown>;
  /** HTTP status sent; absent when the connection was dropped on purpose. */
  status?: number;
  /** Remote error code of an error answer. */
  errorCode?: string;
  fault?: FaultKind;
  throttled?: boolean;
  durationMs: number;
}

export interface RequestLogSnapshot {
  requests: RequestLogEntry[];
  /** Requests per `family:action` since the start or the last clear. */
  counts: Record<string, number>;
  total: number;
}

/** What the emulator received, for tests to count calls and read what was sent. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private counts: Record<string, number> = {};
  private seq = 0;

  constructor(private readonly limit: number) {}

  add(entry: Omit<RequestLogEntry, 'seq' | 'params'> & { params: Record<string, unknown> }): void {
    this.seq += 1;
    const key = `${entry.family ?? 'unknown'}:${entry.action}`;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    this.entries.push({ ...entry, seq: this.seq, params: redactRecord(entry.params) });
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  snapshot(): RequestLogSnapshot {
    return {
      requests: this.entries.map((e) => ({ ...e })),
      counts: { ...this.counts },
      total: this.seq,
    };
  }

  clear(): void {
    this.entries = [];
    this.counts = {};
    this.seq = 0;
  }
}

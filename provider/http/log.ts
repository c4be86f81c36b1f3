import { redact } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn';
/** Where log lines go (for example Pulumi's log); the layer itself never prints. */
export type LogSink = (level: LogLevel, line: string) => void;

/** Passes every line through redaction before it reaches the sink. */
export class Logger {
  constructor(private readonly sink?: LogSink) {}

  debug(line: string): void {
    this.write('debug', line);
  }

  warn(line: string): void {
    this.write('warn', line);
  }

  private write(level: LogLevel, line: string): void {
    if (this.sink) this.sink(level, redact(line));
  }
}

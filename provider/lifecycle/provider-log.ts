import { withoutControlCharacters } from '../http/control-characters';
import type { LogLevel } from '../http/log';

/**
 * Where the provider process's log lines go. Warnings print as `warning: ...` on standard
 * output, which the Pulumi CLI shows beside the resource (since 3.146.0). Debug lines (a retry,
 * a credential file passed over) print on standard error only when
 * `PULUMI_CHATOPS_DEBUG=true`: the provider process has no connection to the engine's own
 * debug log. Lines arrive redacted (log.ts); they may quote remote answers, so they are also
 * stripped of control characters before they reach a terminal.
 */
export function providerLog(
  env: NodeJS.ProcessEnv = process.env,
  write: { out: (line: string) => void; err: (line: string) => void } = {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  },
): (level: LogLevel, line: string) => void {
  return (level, line) => {
    const printable = withoutControlCharacters(line);
    if (level === 'warn') write.out(`warning: ${printable}`);
    else if (env.PULUMI_CHATOPS_DEBUG?.trim().toLowerCase() === 'true') {
      write.err(`${level}: ${printable}`);
    }
  };
}

import { withoutControlCharacters } from '../../http/control-characters';

/**
 * Prints a warning the Pulumi CLI shows beside the resource: the provider process has no
 * Pulumi logger, and its standard output reaches the CLI. The line quotes remote text (names,
 * dates, RequestIds), so it is stripped of control characters: an answer must not be able to
 * clear the user's screen or forge lines of output.
 */
export function warnOnCli(line: string): void {
  console.log(`warning: ${withoutControlCharacters(line)}`);
}

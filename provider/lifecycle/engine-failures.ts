import type { CheckFailure } from './check';

/**
 * Check failures in the form the engine shows them without repeating any input value.
 *
 * The engine prints a failure whose `property` is a top-level input as "<type> resource
 * '<name>'s property '<property>' value <value> has a problem: <reason>", where the value is
 * the input as the program passed it, decrypted even when it is a secret (pulumi/pulumi
 * pkg/resource/deploy/step_generator.go, `issueCheckFailures`): a rejected webhook URL would
 * put its token in the CLI output and the update log. A failure without a property prints as
 * "<type> resource '<name>' has a problem: <reason>". Every reason already begins with its
 * property path (see check.ts), so the property is still named, and never with a value.
 */
export function failuresForEngine(failures: readonly CheckFailure[]): CheckFailure[] {
  return failures.map(({ property, reason }) => ({
    property: '',
    reason:
      property === '' || reason.startsWith(`${property}: `) ? reason : `${property}: ${reason}`,
  }));
}

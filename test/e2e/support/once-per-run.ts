/**
 * `compute` made to run at most once per test run: its answer is kept in the environment
 * variable `envName` (the global setup's answer reaches every test worker, which inherits the
 * environment) and, while it runs, in one promise every caller shares. A kept answer that
 * `stillThere` rejects is computed again.
 */
export function oncePerRun(
  envName: string,
  stillThere: (answer: string) => boolean,
  compute: () => Promise<string>,
): () => Promise<string> {
  let pending: Promise<string> | undefined;
  return () => {
    const known = process.env[envName];
    if (known && stillThere(known)) {
      return Promise.resolve(known);
    }
    pending ??= compute().then((answer) => {
      process.env[envName] = answer;
      return answer;
    });
    return pending;
  };
}

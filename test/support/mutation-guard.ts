// Mutation runs only (jest.mutate.config.js). A mutant can make code throw from a timer or
// reject a promise nobody awaits, after the test that started it has ended; in Stryker's
// runner process that would end the process instead of failing a test. Such an error is
// caught here and fails the test that is running (or the next one), so the mutant counts as
// killed and the runner goes on.
const escaped: unknown[] = [];
const record = (error: unknown): void => {
  escaped.push(error);
};

process.on('uncaughtException', record);
process.on('unhandledRejection', record);

afterEach(() => {
  const errors = escaped.splice(0);
  if (errors.length > 0) {
    throw new Error(`an error escaped its test: ${String(errors[0])}`);
  }
});

afterAll(() => {
  process.off('uncaughtException', record);
  process.off('unhandledRejection', record);
});

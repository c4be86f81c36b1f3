/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.jest.json' }];

// Three suites with different costs: unit tests make no network call, integration tests
// talk to the emulator on 127.0.0.1, e2e tests drive the real Pulumi CLI.
const project = (name, options = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  roots: [`<rootDir>/test/${name}`],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': tsJest },
  // Loopback only: a guard refuses (and fails the file on) any other address, and the ECS
  // metadata path of the credential chain is off (test/support/jest-setup.ts).
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup-after-env.ts'],
  // The provider stubs require the package's own runtime entry by name; under ts-jest it is
  // the TypeScript source (a built package resolves it through package.json `exports`).
  moduleNameMapper: {
    '^pulumi-dingtalk-chatops/provider-runtime$': '<rootDir>/provider/runtime.ts',
  },
  ...options,
});

const e2eHooks = {
  globalSetup: '<rootDir>/test/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
};

module.exports = {
  projects: [
    project('unit'),
    project('integration'),
    // Ensures the Pulumi CLI (the first build takes minutes) and packs the package, once per run.
    project('e2e', e2eHooks),
    // Faults, interrupted runs and load on the real engine (minutes, same CLI and package).
    project('reliability', e2eHooks),
    // Whole lifecycles against real accounts when opted in (CHATOPS_ACCEPTANCE=real), else the
    // emulator; `npm test` leaves it out so that no environment can make it call real services.
    project('acceptance'),
  ],
  testTimeout: 30000,
};

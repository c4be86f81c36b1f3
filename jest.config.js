/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }];

// Three suites with different costs: unit tests make no network call, integration tests
// talk to the emulator on 127.0.0.1, e2e tests drive the real Pulumi CLI.
const project = (name) => ({
  displayName: name,
  testEnvironment: 'node',
  roots: [`<rootDir>/test/${name}`],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': tsJest },
  // The provider stubs require the package's own runtime entry by name; under ts-jest it is
  // the TypeScript source (a built package resolves it through package.json `exports`).
  moduleNameMapper: {
    '^pulumi-dingtalk-chatops/provider-runtime$': '<rootDir>/provider/runtime.ts',
  },
});

module.exports = {
  projects: [project('unit'), project('integration'), project('e2e')],
  testTimeout: 30000,
};

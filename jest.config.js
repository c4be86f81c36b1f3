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
});

module.exports = {
  projects: [project('unit'), project('integration'), project('e2e')],
  testTimeout: 30000,
};

/**
 * The tests Stryker runs against each mutant (`npm run mutate`): the unit and integration
 * projects of jest.config.js as one flat configuration (Stryker's jest runner finds no tests
 * in a multi-project one), less the few tests that check the packed or built package as a
 * whole (they read dist/ or pack the tree, which a mutant does not change).
 */
const base = require('./jest.config.js');

const [unit, integration] = ['unit', 'integration'].map((name) =>
  base.projects.find((project) => project.displayName === name),
);

const WHOLE_PACKAGE_TESTS = [
  '/test/unit/pack\\.test\\.ts$',
  '/test/unit/package\\.test\\.ts$',
  '/test/unit/load-time\\.test\\.ts$',
  '/test/unit/api-docs\\.test\\.ts$',
];

const { displayName: _displayName, roots: _roots, ...shared } = unit;

module.exports = {
  ...shared,
  rootDir: __dirname,
  // provider/ is a root too, though it holds no test: Stryker runs each mutant with jest's
  // --findRelatedTests, which follows imports only through files inside the roots. Without it
  // a mutant in provider/http/http-layer.ts, which tests reach only through provider/clients/,
  // ran no test at all and was reported as survived.
  roots: [...unit.roots, ...integration.roots, '<rootDir>/provider'],
  testPathIgnorePatterns: ['/node_modules/', ...WHOLE_PACKAGE_TESTS],
  setupFilesAfterEnv: [...shared.setupFilesAfterEnv, '<rootDir>/test/support/mutation-guard.ts'],
  // Runs only the related test files that hold a test covering the mutant (see the file).
  runner: '<rootDir>/test/support/mutation-runner.js',
  // A mutant that makes a test wait (a longer backoff on the real clock, a sleep that never
  // ends) fails that test here after 10 s, and counts as killed. Left to Stryker, the same
  // mutant waits for Stryker's own timeout, which adds the whole initial run's overhead (about
  // a minute) to every such mutant, then restarts the runner process.
  testTimeout: 10_000,
};

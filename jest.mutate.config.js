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
  roots: [...unit.roots, ...integration.roots],
  testPathIgnorePatterns: ['/node_modules/', ...WHOLE_PACKAGE_TESTS],
  setupFilesAfterEnv: [...shared.setupFilesAfterEnv, '<rootDir>/test/support/mutation-guard.ts'],
  testTimeout: base.testTimeout,
};

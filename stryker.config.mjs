/**
 * Mutation testing (`npm run mutate -- <folder>`): small realistic bugs are put into the
 * provider's code one at a time, and the unit and integration tests must fail on each.
 * See QUALITY.md for the scores per folder and the survivors that are equivalent.
 *
 * - `ignoreStatic`: mutants of module-level values (tables, regular expressions built once)
 *   force every test to rerun and took 96% of the time; they are left out deliberately.
 * - `incremental`: a rerun tests only the mutants whose code or tests changed.
 * - `coverageAnalysis: perTest` with `enableFindRelatedTests`: each mutant runs only the tests
 *   that cover it.
 */
/** The folder of provider/ under test, set by scripts/mutate.js (`resources/shared` too). */
const folder = process.env.CHATOPS_MUTATE_FOLDER ?? 'http';
/** Its reports' name: `resources-shared` for `resources/shared`. */
const report = folder.replaceAll('/', '-');

export default {
  mutate: [`provider/${folder}/**/*.ts`],
  incrementalFile: `reports/mutation/${report}.incremental.json`,
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.mutate.config.js',
    enableFindRelatedTests: true,
  },
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  incremental: true,
  concurrency: 2,
  timeoutMS: 20000,
  // A jest process that has run a hundred mutants holds several GB (each run loads the
  // provider's modules afresh): a new one is started instead, so two workers and the machine's
  // other work fit in memory.
  maxTestRunnerReuse: 100,
  reporters: ['clear-text', 'progress', 'json'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['dist', 'coverage', 'reports', 'acceptance-report', '.stryker-tmp'],
};

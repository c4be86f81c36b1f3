// Mutation runs only (jest.mutate.config.js): jest's own runner, less the test files that hold
// none of the tests a mutant is run with.
//
// Stryker runs each mutant with --findRelatedTests (every test file that imports the mutated
// file, however indirectly: for provider/http that is most of the suite) and a test name
// pattern listing the tests that cover the mutant. Jest loads every related file to find out
// which of its tests match, about a third of a second each, so a mutant covered by one test
// still paid for forty files. This runner remembers the test names of each file from the runs
// without a pattern (Stryker's initial run), and skips a file none of whose names match.
// A file it knows nothing about is always run, so a skip can never hide a killing test.
// It also stops at the first file with a failing test: the mutant is killed by then.
'use strict';
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const TestRunner = require('jest-runner').default;

/** Test file path -> full names of all its tests, from runs without a name pattern. */
let namesByFile;

/**
 * Kept in a file too, per tree (each Stryker sandbox is its own), because Stryker starts a new
 * runner process after a mutant timed out, and that process runs no initial run.
 */
function storeFor(rootDir) {
  const hash = createHash('sha256').update(rootDir).digest('hex').slice(0, 16);
  return path.join(tmpdir(), `chatops-mutation-test-names-${hash}.json`);
}

function load(rootDir) {
  if (namesByFile) return namesByFile;
  const store = storeFor(rootDir);
  namesByFile = new Map(existsSync(store) ? JSON.parse(readFileSync(store, 'utf8')) : []);
  return namesByFile;
}

function isUnitTest(file) {
  return file.split(path.sep).join('/').includes('/test/unit/');
}

class MutationRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    const { rootDir, testNamePattern } = this._globalConfig;
    const known = load(rootDir);
    if (!testNamePattern) {
      const stop = this.on('test-file-success', ([test, result]) => {
        if (!result.testExecError && result.testResults.length > 0) {
          known.set(
            test.path,
            result.testResults.map((r) => r.fullName),
          );
        }
      });
      try {
        return await super.runTests(tests, watcher, options);
      } finally {
        stop();
        writeFileSync(storeFor(rootDir), JSON.stringify([...known]));
      }
    }
    const pattern = new RegExp(testNamePattern, 'i');
    // Unit test files first: they are quick, and the closest to the code under test.
    const selected = tests
      .filter((test) => {
        const names = known.get(test.path);
        return names === undefined || names.some((name) => pattern.test(name));
      })
      .sort((a, b) => Number(!isUnitTest(a.path)) - Number(!isUnitTest(b.path)));
    // One failing file is enough to kill the mutant: the files after it are not run. (Stryker
    // turns jest's own `bail` off, and a mutant that slows every retry down would otherwise
    // wait out the test timeout in each covering file.)
    let failed = false;
    const stop = this.on('test-file-success', ([, result]) => {
      if (result.testExecError || result.numFailingTests > 0) failed = true;
    });
    try {
      for (const test of selected) {
        if (failed) break;
        await super.runTests([test], watcher, options);
      }
    } finally {
      stop();
    }
  }
}

module.exports = MutationRunner;

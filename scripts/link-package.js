// Gives the repository's own Pulumi programs (the root Pulumi.yaml) the layout of a user's
// project. The provider code stored in state requires this package by name from the dynamic
// provider plugin, which lives in node_modules/@pulumi/pulumi; a user's program has the
// package in its node_modules, and this link puts the repository there too.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const PACKAGE_NAME = require('../package.json').name;

/** Links node_modules/<package name> to the repository root, once (idempotent). */
function linkPackageIntoNodeModules(repoRoot = path.resolve(__dirname, '..')) {
  const link = path.join(repoRoot, 'node_modules', PACKAGE_NAME);
  if (fs.existsSync(link)) return;
  fs.symlinkSync('..', link, 'dir');
}

module.exports = { linkPackageIntoNodeModules };

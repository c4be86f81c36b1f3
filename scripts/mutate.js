#!/usr/bin/env node
// Mutation testing of one folder of provider/ at a time: `npm run mutate -- http` (or
// `provider/http`). Each folder keeps its own incremental file and JSON report under
// reports/mutation/, so folders can be run, and rerun cheaply, one by one.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const FOLDERS = ['http', 'clients', 'lifecycle', 'resources', 'config', 'cli'];
const root = path.join(__dirname, '..');
const argument = (process.argv[2] ?? '').replace(/^provider\//, '').replace(/\/+$/, '');
// A folder of provider/, or one folder inside it (`resources/chat-configuration`): a big folder
// can be run in parts, each with its own report and incremental file.
const [top] = argument.split('/');
if (!FOLDERS.includes(top) || !existsSync(path.join(root, 'provider', argument))) {
  console.error(
    `usage: npm run mutate -- <folder>, with <folder> one of: ${FOLDERS.join(', ')}, or a folder inside one`,
  );
  process.exit(2);
}
const reports = path.join(root, 'reports', 'mutation');
if (!existsSync(reports)) mkdirSync(reports, { recursive: true });

const stryker = path.join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
// stryker.config.mjs reads the folder from the environment: the command line cannot set the
// nested options (incremental file, JSON report name) per folder.
const result = spawnSync(process.execPath, [stryker, 'run', ...process.argv.slice(3)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHATOPS_MUTATE_FOLDER: argument },
});
process.exit(result.status ?? 1);

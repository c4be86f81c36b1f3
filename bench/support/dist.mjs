// Loads the built package from dist/, as a user's program and the provider process do.
// The benchmarks measure the code that ships, so they run after `npm run build`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function load(relative) {
  const file = path.join(ROOT, 'dist', relative);
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` first`);
  }
  return import(file);
}

/** The provider runtime (`pulumi-dingtalk-chatops/provider-runtime`) and its shutdown. */
export async function loadRuntime() {
  const runtime = await load('provider/runtime.js');
  const context = await load('provider/lifecycle/context.js');
  return {
    configure: runtime.configure,
    dispatch: runtime.dispatch,
    close: context.closeSharedClients,
  };
}

/** The secret detector of `chatops-adopt`. */
export async function loadAdoptSecrets() {
  return load('provider/cli/adopt-secrets.js');
}

export async function loadEmulator() {
  return load('emulator/index.js');
}

export async function loadStubProviders() {
  return load('provider/program/stub-provider.js');
}

export function packageVersion(name) {
  const file =
    name === undefined
      ? path.join(ROOT, 'package.json')
      : path.join(ROOT, 'node_modules', name, 'package.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

#!/usr/bin/env node
// Node.js language host for the Pulumi CLI: the `pulumi-language-nodejs` plugin that the engine
// starts to run a Node.js program. scripts/pulumi-cli.sh installs it beside the CLI it builds,
// because the upstream host is a Go module that the module proxy does not serve (it has no
// release tags and its commit versions are not available).
//
// The engine starts this file with `[-flags] <engine address>`, reads the gRPC port it prints
// on stdout, and calls the LanguageRuntime service. Running a program is delegated to the SDK's
// own launcher (`@pulumi/pulumi/cmd/run`), resolved from the program's directory exactly as the
// upstream host does, with the same flags and environment (PULUMI_CONFIG,
// PULUMI_CONFIG_SECRET_KEYS, PULUMI_NODEJS_TYPESCRIPT, PULUMI_NODEJS_TSCONFIG_PATH): the SDK then
// talks to the engine's resource monitor directly. Only the calls that deployments use are
// served (handshake, plugin info, required plugins and packages, run); the others answer
// UNIMPLEMENTED, which the engine treats as "not supported by this host".
'use strict';

const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

// The SDK's launcher exits with this code after it has already shown the user an error, in
// which case the engine should stop without adding a message of its own.
const EXIT_CODE_ERROR_ALREADY_REPORTED = 32;

function parseCommandLine(argv) {
  let engineAddress = '';
  let tracing = '';
  let root = '';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const flag = /^--?([a-zA-Z-]+)(?:=(.*))?$/.exec(arg);
    if (!flag) {
      if (!engineAddress) engineAddress = arg;
      continue;
    }
    const [, name, inlineValue] = flag;
    const takesValue = name === 'tracing' || name === 'root';
    const value = inlineValue !== undefined ? inlineValue : takesValue ? argv[++i] : '';
    if (name === 'tracing') tracing = value || '';
    if (name === 'root') root = value || '';
  }
  return { engineAddress, tracing, root };
}

// Loads gRPC and the generated service code from the SDK the program installed, so that the host
// always speaks the protocol version of that SDK and needs nothing installed of its own.
function loadSdk(fromDir) {
  const requireFromProgram = createRequire(path.join(path.resolve(fromDir), 'noop.js'));
  const sdkPackageJson = requireFromProgram.resolve('@pulumi/pulumi/package.json');
  const requireFromSdk = createRequire(sdkPackageJson);
  return {
    version: JSON.parse(fs.readFileSync(sdkPackageJson, 'utf8')).version,
    runPath: requireFromProgram.resolve('@pulumi/pulumi/cmd/run'),
    grpc: requireFromSdk('@grpc/grpc-js'),
    services: requireFromSdk('./proto/language_grpc_pb'),
    messages: requireFromSdk('./proto/language_pb'),
    pluginMessages: requireFromSdk('./proto/plugin_pb'),
  };
}

// Runtime options from Pulumi.yaml (`runtime: { name: nodejs, options: {...} }`).
function runtimeOptions(info) {
  const options = info && info.getOptions() ? info.getOptions().toJavaScript() : {};
  return {
    // The upstream host runs TypeScript through ts-node unless told otherwise.
    typescript: options.typescript !== false,
    tsconfig: typeof options.tsconfig === 'string' ? options.tsconfig : '',
    nodeargs:
      typeof options.nodeargs === 'string' ? options.nodeargs.split(/\s+/).filter(Boolean) : [],
  };
}

function launcherArguments(req, host, runPath) {
  const info = req.getInfo();
  const args = [runPath];
  const add = (name, value) => {
    if (value) args.push(`--${name}`, String(value));
  };
  add('monitor', req.getMonitorAddress());
  add('engine', host.engineAddress);
  add('organization', req.getOrganization());
  add('project', req.getProject());
  add('stack', req.getStack());
  add('pwd', (info && info.getProgramDirectory()) || req.getPwd());
  add('root-directory', (info && info.getRootDirectory()) || host.root);
  if (req.getDryrun()) args.push('--dry-run');
  add('parallel', req.getParallel());
  add('tracing', host.tracing);
  // "." lets the launcher pick the entry point from package.json (`main` or `exports`).
  const entryPoint = (info && info.getEntryPoint()) || req.getProgram() || '.';
  args.push(entryPoint);
  args.push(...req.getArgsList());
  return args;
}

function launcherEnvironment(req, options) {
  const config = {};
  req.getConfigMap().forEach((value, key) => {
    config[key] = value;
  });
  const env = {
    ...process.env,
    PULUMI_CONFIG: JSON.stringify(config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
  };
  if (options.typescript) env.PULUMI_NODEJS_TYPESCRIPT = 'true';
  if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
  return env;
}

function unimplemented(grpc, name) {
  return (_call, callback) =>
    callback({
      code: grpc.status.UNIMPLEMENTED,
      details: `${name} is not supported by this language host`,
    });
}

function createService(sdk, host) {
  const { grpc, messages, pluginMessages } = sdk;
  const service = {};
  for (const name of Object.keys(sdk.services.LanguageRuntimeService)) {
    service[name] = unimplemented(grpc, name);
  }

  service.handshake = (call, callback) => {
    const req = call.request;
    if (req.getEngineAddress()) host.engineAddress = req.getEngineAddress();
    if (req.getRootDirectory()) host.root = req.getRootDirectory();
    callback(null, new messages.LanguageHandshakeResponse());
  };

  service.getPluginInfo = (_call, callback) => {
    const info = new pluginMessages.PluginInfo();
    info.setVersion(sdk.version);
    callback(null, info);
  };

  // Node.js programs declare their resource plugins in package.json (`"pulumi": {"resource":
  // true}`); the dynamic provider plugin ships with the CLI, so none is reported here.
  service.getRequiredPlugins = (_call, callback) => {
    callback(null, new messages.GetRequiredPluginsResponse());
  };
  service.getRequiredPackages = (_call, callback) => {
    callback(null, new messages.GetRequiredPackagesResponse());
  };

  service.run = (call, callback) => {
    const req = call.request;
    const info = req.getInfo();
    const options = runtimeOptions(info);
    const programDir = (info && info.getProgramDirectory()) || req.getPwd() || process.cwd();
    let runPath;
    try {
      runPath = loadSdk(programDir).runPath;
    } catch {
      const response = new messages.RunResponse();
      response.setError(
        `It looks like the Pulumi SDK has not been installed in ${programDir}. Have you run npm install?`,
      );
      callback(null, response);
      return;
    }
    const child = childProcess.spawn(
      process.execPath,
      [...options.nodeargs, ...launcherArguments(req, host, runPath)],
      {
        cwd: programDir,
        env: launcherEnvironment(req, options),
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.on('error', (err) => {
      const response = new messages.RunResponse();
      response.setError(
        `Problem executing program (could not run the Node.js launcher): ${err.message}`,
      );
      callback(null, response);
    });
    child.on('exit', (code, signal) => {
      const response = new messages.RunResponse();
      if (code === EXIT_CODE_ERROR_ALREADY_REPORTED) {
        response.setBail(true);
      } else if (code !== 0) {
        response.setError(
          signal
            ? `Program exited on signal ${signal}`
            : `Program exited with non-zero exit code: ${code}`,
        );
      }
      callback(null, response);
    });
  };

  return service;
}

function main() {
  const host = parseCommandLine(process.argv.slice(2));
  let sdk;
  try {
    sdk = loadSdk(host.root || process.cwd());
  } catch (err) {
    process.stderr.write(
      'It looks like the Pulumi SDK has not been installed. Have you run npm install? ' +
        `(${err && err.message ? err.message : String(err)})\n`,
    );
    process.exit(1);
  }
  const server = new sdk.grpc.Server();
  server.addService(sdk.services.LanguageRuntimeService, createService(sdk, host));
  server.bindAsync('127.0.0.1:0', sdk.grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
      process.stderr.write(`could not start the language host gRPC server: ${err.message}\n`);
      process.exit(1);
    }
    // The engine reads the port from the first line of stdout.
    process.stdout.write(`${port}\n`);
  });
}

main();

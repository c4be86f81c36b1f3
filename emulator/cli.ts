#!/usr/bin/env node
import { startEmulator, type RunningEmulator } from './index';
import type { EmulatorOptions } from './options';

const USAGE = `Usage: emulator [--port <n>] [--state <file>] [--rate-limit <n>]
                [--token-lifetime <seconds>] [--max-robot-plugins <n>]

Serves the OOS, Security Center and DingTalk APIs on http://127.0.0.1:<port>.
  --port <n>                  port to listen on; 0 (default) picks a free one
  --state <file>              keep all objects in <file> across restarts
  --rate-limit <n>            requests per second per API action (default 1000)
  --token-lifetime <seconds>  DingTalk access token lifetime (default 7200)
  --max-robot-plugins <n>     plugins per robot (default 10)
Default credentials: Alibaba Cloud key test/test, DingTalk app test/test.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function numberArg(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(n)) {
    fail(`${flag} needs a number`);
  }
  return n;
}

export function parseArgs(argv: string[]): EmulatorOptions {
  const options: EmulatorOptions = {};
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--port':
        options.port = numberArg(flag, value);
        break;
      case '--state':
        if (!value) fail('--state needs a file name');
        options.stateFile = value;
        break;
      case '--rate-limit':
        options.rateLimitPerSecond = numberArg(flag, value);
        break;
      case '--token-lifetime':
        options.tokenLifetimeSeconds = numberArg(flag, value);
        break;
      case '--max-robot-plugins':
        options.maxRobotPlugins = numberArg(flag, value);
        break;
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return process.exit(0);
      default:
        fail(`unknown argument ${flag}`);
    }
    i += 1;
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const running: { emulator?: RunningEmulator } = {};
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    (running.emulator ? running.emulator.stop() : Promise.resolve()).then(
      () => {
        process.stdout.write(`Emulator stopped (${signal})\n`);
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`Emulator failed to stop: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  // Handlers first: whoever reads the URL line may signal at once.
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const emulator = await startEmulator(options);
  running.emulator = emulator;
  if (stopping) {
    await emulator.stop();
    return;
  }
  process.stdout.write(`Emulator listening on ${emulator.url}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `Emulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}

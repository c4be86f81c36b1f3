#!/usr/bin/env node
import { parseArgs, type ParseArgsConfig } from 'node:util';
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

/** The flags the emulator takes, in the form `util.parseArgs` reads. */
const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  port: { type: 'string' },
  state: { type: 'string' },
  'rate-limit': { type: 'string' },
  'token-lifetime': { type: 'string' },
  'max-robot-plugins': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** The numeric flags and the option each sets. */
const NUMBER_FLAGS = {
  port: 'port',
  'rate-limit': 'rateLimitPerSecond',
  'token-lifetime': 'tokenLifetimeSeconds',
  'max-robot-plugins': 'maxRobotPlugins',
} as const satisfies Partial<Record<keyof typeof OPTIONS, keyof EmulatorOptions>>;

function numberArg(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(n)) {
    fail(`${flag} needs a number`);
  }
  return n;
}

/**
 * Reads the command line with `util.parseArgs` (long flags, `--flag value` and `--flag=value`,
 * `-h`); anything else exits with code 2 and the usage text, `--help` with 0.
 */
export function parseEmulatorArguments(argv: string[]): EmulatorOptions {
  const options: EmulatorOptions = {};
  // Not strict: the tokens keep each flag's spelling, so that the errors name it as typed.
  const { tokens } = parseArgs({
    args: argv,
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === 'positional') fail(`unknown argument ${token.value}`);
    if (token.kind === 'option-terminator') fail('unknown argument --');
    const { name, rawName: flag, value } = token;
    if (name === 'help' && value === undefined) {
      process.stdout.write(`${USAGE}\n`);
      return process.exit(0);
    }
    if (name === 'state') {
      if (!value) fail('--state needs a file name');
      options.stateFile = value;
    } else if (Object.prototype.hasOwnProperty.call(NUMBER_FLAGS, name)) {
      options[NUMBER_FLAGS[name as keyof typeof NUMBER_FLAGS]] = numberArg(flag, value);
    } else {
      fail(`unknown argument ${flag}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseEmulatorArguments(process.argv.slice(2));
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

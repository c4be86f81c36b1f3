#!/usr/bin/env node
/**
 * `chatops-adopt`: prints a Pulumi program that declares a region's existing OOS chat
 * configurations and Security Center DingTalk notifications with `adopt: true`, so a team can
 * bring a setup made by hand under management. Read-only: it lists and reads, nothing else.
 *
 * @packageDocumentation
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createClients } from '../clients';
import { resolveSettings, type ProviderSettings } from '../config/settings';
import { ChatOpsError, isChatOpsError } from '../errors';
import { withoutControlCharacters } from '../http/control-characters';
import { scanRegion, type ScanScope } from './adopt-scan';
import { renderAdoptionProgram, type ProgramLanguage } from './adopt-render';

const USAGE = `Usage: chatops-adopt [--region <id>] [--language typescript|javascript]
                     [--endpoint <url>] [--oos-endpoint <url>] [--sas-endpoint <url>]
                     [--skip chat-configurations|notifications]

Lists the OOS chat configurations and Security Center DingTalk notifications of a region and
prints a Pulumi program declaring each of them with adopt: true. Secrets are never printed:
the program reads them with config.requireSecret(...), and its header lists the keys to set.

  --region <id>          region to list (default: ALIBABA_CLOUD_REGION)
  --language <lang>      typescript (default) or javascript
  --endpoint <url>       both API endpoints at once, e.g. the emulator's http://127.0.0.1:8080
  --oos-endpoint <url>   OOS endpoint (default: ALIBABA_CLOUD_OOS_ENDPOINT, else the region's)
  --sas-endpoint <url>   Security Center endpoint (default: ALIBABA_CLOUD_SAS_ENDPOINT, else
                         tds.cn-shanghai for cn-* regions, tds.ap-southeast-1 for the others)
  --skip <kind>          do not list chat-configurations or notifications (repeatable)

Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and, with STS keys,
ALIBABA_CLOUD_SECURITY_TOKEN. RAM actions: oos:ListChatConfigurations, oos:GetChatConfiguration,
yundun-sas:DescribeDingTalk.`;

/** Parsed command line. */
export interface AdoptArguments {
  /** Explicit settings (region and endpoints); the environment fills the rest. */
  settings: ProviderSettings;
  language: ProgramLanguage;
  scope: ScanScope;
  help: boolean;
}

/** Where the command writes, and the environment it reads (injected by tests). */
export interface AdoptIo {
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A wrong command line: exit code 2 with the usage text. */
export class UsageError extends ChatOpsError {
  constructor(message: string) {
    super({ code: 'USAGE_ERROR', message });
    this.name = 'UsageError';
  }
}

/** Alibaba Cloud region ids: `cn-hangzhou`, `ap-southeast-1`, `cn-shanghai-finance-1`. */
const REGION_ID = /^[a-z]{2,}-[a-z0-9-]+$/;

const SKIPPABLE: Record<string, keyof ScanScope> = {
  'chat-configurations': 'chatConfigurations',
  notifications: 'notifications',
};

/** The flags `chatops-adopt` takes, in the form `util.parseArgs` reads. */
const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  region: { type: 'string' },
  language: { type: 'string' },
  endpoint: { type: 'string' },
  'oos-endpoint': { type: 'string' },
  'sas-endpoint': { type: 'string' },
  skip: { type: 'string', multiple: true },
} as const satisfies ParseArgsConfig['options'];

type Flag = keyof typeof OPTIONS;

const isFlag = (name: string): name is Flag => Object.prototype.hasOwnProperty.call(OPTIONS, name);

/**
 * Reads the command line with `util.parseArgs` (long flags, `--flag value` and `--flag=value`,
 * `-h`), then applies the flags in the order given. Anything it does not know is a
 * {@link UsageError}.
 */
export function parseAdoptArguments(argv: readonly string[]): AdoptArguments {
  const parsed: AdoptArguments = {
    settings: {},
    language: 'typescript',
    scope: { chatConfigurations: true, notifications: true },
    help: false,
  };
  // Not strict: the tokens keep the order and the spelling of each flag, so that the checks
  // below word the errors as the usage text does.
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === 'positional') throw new UsageError(`unknown argument ${token.value}`);
    if (token.kind === 'option-terminator' || !isFlag(token.name)) {
      throw new UsageError(`unknown argument ${token.kind === 'option' ? token.rawName : '--'}`);
    }
    const flag = token.rawName;
    if (token.name === 'help') {
      if (token.value !== undefined) throw new UsageError(`${flag} takes no value`);
      parsed.help = true;
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith('--'))) {
      throw new UsageError(`${flag} needs a value`);
    }
    applyFlag(parsed, token.name, value);
  }
  return parsed;
}

function applyFlag(parsed: AdoptArguments, flag: Exclude<Flag, 'help'>, value: string): void {
  switch (flag) {
    case 'region':
      parsed.settings.region = value;
      break;
    case 'language':
      if (value !== 'typescript' && value !== 'javascript') {
        throw new UsageError('--language must be typescript or javascript');
      }
      parsed.language = value;
      break;
    case 'endpoint':
      parsed.settings.oosEndpoint = value;
      parsed.settings.sasEndpoint = value;
      break;
    case 'oos-endpoint':
      parsed.settings.oosEndpoint = value;
      break;
    case 'sas-endpoint':
      parsed.settings.sasEndpoint = value;
      break;
    case 'skip': {
      const kind = Object.prototype.hasOwnProperty.call(SKIPPABLE, value)
        ? SKIPPABLE[value]
        : undefined;
      if (!kind) throw new UsageError('--skip takes chat-configurations or notifications');
      parsed.scope[kind] = false;
      break;
    }
  }
}

/**
 * Runs the command and returns its exit code: 0 with the program on stdout, 1 when the
 * remote side or the settings fail (the message says what to do), 2 for a wrong command line.
 */
export async function runAdopt(argv: readonly string[], io: AdoptIo): Promise<number> {
  let args: AdoptArguments;
  try {
    args = parseAdoptArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`chatops-adopt: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  let clients: ReturnType<typeof createClients> | undefined;
  try {
    const settings = resolveSettings(args.settings, io.env);
    const regionId = settings.region;
    if (!regionId) {
      io.stderr(`chatops-adopt: no region: pass --region or set ALIBABA_CLOUD_REGION\n`);
      return 2;
    }
    // The region goes into request paths and into the printed program's header.
    if (!REGION_ID.test(regionId)) {
      io.stderr(
        'chatops-adopt: the region (--region or ALIBABA_CLOUD_REGION) must be a region id ' +
          'such as cn-hangzhou: lower-case letters, digits and dashes\n',
      );
      return 2;
    }
    clients = createClients(() => settings);
    const found = await scanRegion(clients, regionId, args.scope);
    io.stdout(renderAdoptionProgram(found, args.language));
    io.stderr(
      `chatops-adopt: ${found.chatConfigurations.length} chat configuration(s) and ` +
        `${found.notifications.length} notification(s) in ${regionId}\n`,
    );
    return 0;
  } catch (error) {
    // Client errors are redacted at construction and say what to do. Any other error may
    // quote a remote answer too, so none reaches the terminal with control characters.
    const detail = isChatOpsError(error)
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
    io.stderr(`chatops-adopt: ${withoutControlCharacters(detail)}\n`);
    return 1;
  } finally {
    await clients?.close();
  }
}

if (require.main === module) {
  runAdopt(process.argv.slice(2), {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `chatops-adopt: ${withoutControlCharacters(error instanceof Error ? error.message : String(error))}\n`,
      );
      process.exitCode = 1;
    },
  );
}

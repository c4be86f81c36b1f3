import * as path from 'node:path';
import type { AccessKeyPair, DingTalkApp, EmulatorOptions } from '../../../emulator';
import type { Project } from '../../e2e/support/project';
import type { PulumiEnv } from '../../e2e/support/pulumi-env';
import { type DeclaredObjects, writeDeclared } from './declared-program';
import { describeRun, outputOf, runPulumi, type PulumiRun } from './pulumi-process';

/**
 * Credentials and secrets of the reliability stacks. Each is distinctive, so a search of
 * the CLI's output and of the state for it cannot match anything else.
 */
export const RELIABILITY_ACCESS_KEY: AccessKeyPair = {
  accessKeyId: 'reliability-access-key',
  accessKeySecret: 'rel-ak-secret-2f7c9e41b0d8',
};
export const RELIABILITY_DINGTALK_APP: DingTalkApp = {
  appKey: 'reliability-app',
  appSecret: 'rel-app-secret-8a3d51c6e2f9',
};
export const RELIABILITY_SECRETS = {
  botClientSecret: 'rel-bot-secret-5e0b7a92c4d1',
  alertWebhookUrl:
    'https://oapi.dingtalk.com/robot/send?access_token=relwebhooktoken6c1f08b3d5a7e2',
};
/** The secret part of the webhook: it must not appear anywhere either. */
const WEBHOOK_TOKEN = 'relwebhooktoken6c1f08b3d5a7e2';

export const ALL_SECRET_VALUES: readonly string[] = [
  RELIABILITY_ACCESS_KEY.accessKeySecret,
  RELIABILITY_DINGTALK_APP.appSecret,
  RELIABILITY_SECRETS.botClientSecret,
  WEBHOOK_TOKEN,
];

/** A robot of the stacks' DingTalk app, for RobotPlugin resources. */
export function reliabilityRobot(index: number): string {
  return `dingrobotreliability${String(index).padStart(3, '0')}`;
}

/**
 * Emulator options that know the stacks' key pair, DingTalk app, and `robots` robots of
 * that app (reliabilityRobot(0), reliabilityRobot(1), ...).
 */
export function reliabilityEmulatorOptions(
  extra: EmulatorOptions = {},
  robots = 1,
): EmulatorOptions {
  const ownRobots = Array.from({ length: robots }, (_, i) => ({
    robotCode: reliabilityRobot(i),
    appKey: RELIABILITY_DINGTALK_APP.appKey,
  }));
  return {
    ...extra,
    accessKeys: [RELIABILITY_ACCESS_KEY, ...(extra.accessKeys ?? [])],
    dingtalkApps: [RELIABILITY_DINGTALK_APP, ...(extra.dingtalkApps ?? [])],
    directory: {
      robots: [...ownRobots, ...(extra.directory?.robots ?? [])],
      users: extra.directory?.users ?? [],
    },
  };
}

/** The part of `pulumi stack export` the tests read. */
export interface StackState {
  resources: { urn: string; type: string; id?: string; outputs?: Record<string, unknown> }[];
  pendingOperations: {
    type: string;
    resource: { urn: string; type: string; inputs?: Record<string, unknown> };
  }[];
}

export interface ScenarioStackOptions {
  project: Project;
  env: PulumiEnv;
  stackName: string;
  emulatorUrl: string;
  declared: DeclaredObjects;
  /** Extra `chatops:` settings, e.g. `{ requestTimeoutMs: '1500' }`. */
  settings?: Record<string, string>;
}

/**
 * One stack of the declared-objects program, pointed at an emulator, driven through the CLI
 * as a user or a pipeline drives it. Every run is kept, so a test can search all output.
 */
export class ScenarioStack {
  readonly runs: PulumiRun[] = [];
  readonly declaredFile: string;

  private constructor(
    readonly options: ScenarioStackOptions,
    private declaredNow: DeclaredObjects,
  ) {
    this.declaredFile = path.join(options.project.dir, `declared.${options.stackName}.json`);
  }

  static async create(options: ScenarioStackOptions): Promise<ScenarioStack> {
    const stack = new ScenarioStack(options, options.declared);
    stack.declare(options.declared);
    await stack.must(['stack', 'init']);
    const url = options.emulatorUrl;
    const plain: Record<string, string> = {
      'alicloud:accessKey': RELIABILITY_ACCESS_KEY.accessKeyId,
      'alicloud:region': 'cn-hangzhou',
      'dingtalk:clientId': RELIABILITY_DINGTALK_APP.appKey,
      'chatops:oosEndpoint': url,
      'chatops:stsEndpoint': url,
      'chatops:sasEndpoint': url,
      'chatops:dingtalkApiEndpoint': url,
      'chatops:dingtalkOapiEndpoint': url,
      [`${options.project.name}:declaredFile`]: stack.declaredFile,
      ...Object.fromEntries(
        Object.entries(options.settings ?? {}).map(([key, value]) => [`chatops:${key}`, value]),
      ),
    };
    const secret: Record<string, string> = {
      'alicloud:secretKey': RELIABILITY_ACCESS_KEY.accessKeySecret,
      'dingtalk:clientSecret': RELIABILITY_DINGTALK_APP.appSecret,
      [`${options.project.name}:botClientSecret`]: RELIABILITY_SECRETS.botClientSecret,
      [`${options.project.name}:alertWebhookUrl`]: RELIABILITY_SECRETS.alertWebhookUrl,
    };
    await stack.must([
      'config',
      'set-all',
      ...Object.entries(plain).flatMap(([key, value]) => ['--plaintext', `${key}=${value}`]),
      ...Object.entries(secret).flatMap(([key, value]) => ['--secret', `${key}=${value}`]),
    ]);
    return stack;
  }

  get name(): string {
    return this.options.stackName;
  }

  get declared(): DeclaredObjects {
    return this.declaredNow;
  }

  /** Changes what the program declares, as editing the program would. */
  declare(declared: DeclaredObjects): void {
    this.declaredNow = declared;
    writeDeclared(this.declaredFile, declared);
  }

  up(extra: string[] = []): Promise<PulumiRun> {
    return this.run(['up', '--yes', '--skip-preview', ...extra]);
  }

  refresh(extra: string[] = []): Promise<PulumiRun> {
    return this.run(['refresh', '--yes', '--skip-preview', ...extra]);
  }

  /**
   * `pulumi preview --refresh`: reads every object back and diffs it with the program, so
   * an object that is missing, duplicated in state or drifted shows as a change.
   */
  async previewChanges(): Promise<Record<string, number>> {
    const run = await this.must(['preview', '--refresh', '--json']);
    const parsed = JSON.parse(run.stdout) as { changeSummary?: Record<string, number> };
    return parsed.changeSummary ?? {};
  }

  async exportState(): Promise<StackState> {
    const run = await this.must(['stack', 'export']);
    const parsed = JSON.parse(run.stdout) as {
      deployment?: {
        resources?: StackState['resources'];
        pending_operations?: StackState['pendingOperations'];
      };
    };
    return {
      resources: parsed.deployment?.resources ?? [],
      pendingOperations: parsed.deployment?.pending_operations ?? [],
    };
  }

  /** Runs `pulumi <args> --stack <name> --non-interactive` and keeps the run. */
  async run(args: string[]): Promise<PulumiRun> {
    const run = await runPulumi(
      [...args, ...this.stackArgs()],
      this.options.project.dir,
      this.options.env,
    );
    this.runs.push(run);
    return run;
  }

  /** As run, but a failure throws with the command's output. */
  async must(args: string[]): Promise<PulumiRun> {
    const run = await this.run(args);
    if (run.code !== 0) throw new Error(describeRun(run));
    return run;
  }

  /** Everything every command of this stack printed. */
  allOutput(): string {
    return this.runs.map(outputOf).join('\n');
  }

  stackArgs(): string[] {
    return ['--stack', this.options.stackName, '--non-interactive'];
  }
}

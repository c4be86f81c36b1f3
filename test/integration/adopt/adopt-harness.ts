import * as vm from 'node:vm';
import ts from 'typescript';
import { runAdopt } from '../../../provider/cli/adopt';
import { ALICLOUD_KEY } from '../resources/alicloud-harness';

/** What `chatops-adopt` printed and returned. */
export interface AdoptRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of a run: the emulator's key. */
export const ADOPT_ENV: NodeJS.ProcessEnv = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: ALICLOUD_KEY.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: ALICLOUD_KEY.accessKeySecret,
};

/** Runs `chatops-adopt` in-process with this command line and environment. */
export async function runAdoptCommand(
  argv: string[],
  env: NodeJS.ProcessEnv = ADOPT_ENV,
): Promise<AdoptRun> {
  let stdout = '';
  let stderr = '';
  const code = await runAdopt(argv, {
    env,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** Runs `chatops-adopt` for a region against one endpoint (the emulator), printing JavaScript. */
export function adoptJavaScript(region: string, endpoint: string, ...more: string[]) {
  return runAdoptCommand([
    '--region',
    region,
    '--endpoint',
    endpoint,
    '--language',
    'javascript',
    ...more,
  ]);
}

/** One resource a printed program declares. */
export interface Declared {
  className: string;
  name: string;
  args: Record<string, unknown>;
}

/** A value the program reads from stack config. */
export interface FromConfig {
  configKey: string;
  secret: boolean;
}

export function isFromConfig(value: unknown): value is FromConfig {
  return typeof value === 'object' && value !== null && 'configKey' in value;
}

/**
 * Runs a printed JavaScript program with stand-ins for @pulumi/pulumi and this package that
 * record every resource it declares; config lookups become {configKey, secret} markers. Any
 * other module the program requires fails the run.
 */
export function evaluateProgram(javascript: string): Declared[] {
  const declared: Declared[] = [];
  const resourceClass = (className: string) =>
    class {
      constructor(name: string, args: Record<string, unknown>) {
        declared.push({ className, name, args });
      }
    };
  const modules: Record<string, unknown> = {
    '@pulumi/pulumi': {
      Config: class {
        require = (configKey: string): FromConfig => ({ configKey, secret: false });
        requireSecret = (configKey: string): FromConfig => ({ configKey, secret: true });
      },
    },
    'pulumi-dingtalk-chatops': {
      ChatConfiguration: resourceClass('ChatConfiguration'),
      SecurityCenterDingTalkNotification: resourceClass('SecurityCenterDingTalkNotification'),
    },
  };
  const exports = {};
  vm.runInNewContext(javascript, {
    require: (name: string) => {
      if (!(name in modules)) throw new Error(`the program requires an unexpected module ${name}`);
      return modules[name];
    },
    module: { exports },
    exports,
  });
  return declared;
}

/**
 * The shape of a program's code as the TypeScript parser sees it: every node's kind, with the
 * text of string literals left out (they may hold anything) and comments ignored. Two
 * programs of equal shape run the same code on different data.
 */
export function codeShape(source: string): unknown[] {
  const file = ts.createSourceFile('program.ts', source, ts.ScriptTarget.ES2020, true);
  const shape = (node: ts.Node): unknown[] => {
    const kind = ts.SyntaxKind[node.kind];
    const text = ts.isIdentifier(node) || ts.isNumericLiteral(node) ? [node.text] : [];
    return [kind, ...text, ...node.getChildren(file).map(shape)];
  };
  return file.statements.map(shape);
}

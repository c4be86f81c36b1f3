import * as path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Type-checks TypeScript programs as a user's project would see this package: strict mode,
 * `pulumi-dingtalk-chatops` resolved to this repository's own sources. The programs never
 * touch the disk: each is a virtual file at the repository root, so `@pulumi/pulumi` resolves
 * from the repository's node_modules. Returns the errors of each program, by name.
 */
export function typeErrors(programs: Record<string, string>): Record<string, string[]> {
  const files = new Map(
    Object.entries(programs).map(([name, source]) => [path.join(ROOT, `${name}.ts`), source]),
  );
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2020,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
    baseUrl: ROOT,
    paths: { 'pulumi-dingtalk-chatops': ['provider/index.ts'] },
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) => {
    const source = files.get(name);
    return source !== undefined
      ? ts.createSourceFile(name, source, languageVersion)
      : getSourceFile(name, languageVersion, ...rest);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  const errors: Record<string, string[]> = {};
  for (const [fileName] of files) {
    const name = path.basename(fileName, '.ts');
    errors[name] = ts
      .getPreEmitDiagnostics(program, program.getSourceFile(fileName))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return errors;
}

/** A TypeScript program as the CommonJS JavaScript a Pulumi project would run. */
export function toCommonJs(typescript: string): string {
  return ts.transpileModule(typescript, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  }).outputText;
}

import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * The provider process must not load `@pulumi/pulumi`: the runner already has its own copy,
 * and a second one breaks its state (see provider/runtime.ts). Everything the runtime entry
 * reaches, import by import, is provider-runtime code; program-side code (provider/program/,
 * each resource's resource.ts) is what may load the SDK. This walks the value imports (type-
 * only imports vanish at compile time) from the entry and names the chain to any SDK import.
 */
const ROOT = path.resolve(__dirname, '../../..');
const RUNTIME_ENTRY = path.join(ROOT, 'provider/runtime.ts');
const FORBIDDEN = /^@pulumi\/pulumi(\/|$)/;

function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolveLocal(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

interface Reach {
  /** Every local file reached, relative to the repository. */
  files: string[];
  /** Each SDK import reached, as the chain of files that leads to it. */
  sdkImports: string[];
}

/** Follows the value imports of `entry` transitively (breadth first). */
function reachableFrom(entry: string): Reach {
  const chains = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  const reach: Reach = { files: [], sdkImports: [] };
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const chain = chains.get(file) as string[];
    reach.files.push(path.relative(ROOT, file));
    for (const specifier of valueImports(file)) {
      if (FORBIDDEN.test(specifier)) {
        reach.sdkImports.push(
          [...chain.map((f) => path.relative(ROOT, f)), specifier].join(' -> '),
        );
        continue;
      }
      const target = specifier.startsWith('.') ? resolveLocal(file, specifier) : undefined;
      if (target === undefined || chains.has(target)) continue;
      chains.set(target, [...chain, target]);
      queue.push(target);
    }
  }
  return reach;
}

describe('the provider runtime', () => {
  const runtime = reachableFrom(RUNTIME_ENTRY);

  it('never reaches @pulumi/pulumi through its imports', () => {
    expect(runtime.sdkImports).toEqual([]);
  });

  it.each(['chat-configuration', 'security-center-notification', 'robot-plugin', 'dingtalk-group'])(
    'reaches the %s lifecycle, so the walk covers it',
    (resource) => {
      expect(runtime.files).toContain(`provider/resources/${resource}/lifecycle.ts`);
    },
  );

  it('would be caught importing the SDK, as the program side does', () => {
    expect(reachableFrom(path.join(ROOT, 'provider/index.ts')).sdkImports).not.toEqual([]);
  });
});

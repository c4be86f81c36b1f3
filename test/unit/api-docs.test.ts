import * as path from 'node:path';
import ts from 'typescript';

/**
 * The API reference (`npm run docs`) is generated from these comments: every input a program
 * can pass (the properties of the exported `*Args` and `*Options` interfaces) is documented,
 * and an optional one says what happens when it is left out ("Default: ...").
 */

const ENTRY = path.resolve(__dirname, '..', '..', 'provider', 'index.ts');

interface InputDoc {
  owner: string;
  name: string;
  optional: boolean;
  doc: string;
}

function publicInputs(): InputDoc[] {
  const program = ts.createProgram([ENTRY], { strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(ENTRY)!)!;
  const inputs: InputDoc[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    if (!/(Args|Options)$/.test(exported.name)) continue;
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    for (const property of checker.getDeclaredTypeOfSymbol(symbol).getProperties()) {
      inputs.push({
        owner: exported.name,
        name: property.name,
        optional: (property.flags & ts.SymbolFlags.Optional) !== 0,
        doc: ts.displayPartsToString(property.getDocumentationComment(checker)),
      });
    }
  }
  return inputs;
}

describe('API reference comments', () => {
  const inputs = publicInputs();

  it('covers the inputs of every resource and function', () => {
    const owners = new Set(inputs.map((input) => input.owner));

    expect([...owners].sort()).toEqual([
      'ChatConfigurationArgs',
      'DingTalkGroupArgs',
      'GetChatConfigurationsArgs',
      'GetChatConfigurationsOptions',
      'NotificationConfigArgs',
      'NotificationConfigItemArgs',
      'RobotPluginArgs',
      'RobotPluginEntryArgs',
      'SecurityCenterDingTalkNotificationArgs',
    ]);
  });

  it('documents every input', () => {
    const undocumented = inputs.filter((input) => input.doc.trim() === '');

    expect(undocumented.map((input) => `${input.owner}.${input.name}`)).toEqual([]);
  });

  it('states the default of every optional input', () => {
    const withoutDefault = inputs.filter((input) => input.optional && !/default/i.test(input.doc));

    expect(withoutDefault.map((input) => `${input.owner}.${input.name}`)).toEqual([]);
  });
});

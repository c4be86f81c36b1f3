import { UNKNOWN } from '../../../../provider/lifecycle/unknown';
import { checkRobotPluginInputs } from '../../../../provider/resources/robot-plugin/schema';

function issuePaths(input: unknown): string[] {
  return checkRobotPluginInputs(input).failures.map((failure) => failure.property);
}

describe('RobotPlugin check', () => {
  it('applies defaults and keeps the plugin order', () => {
    expect(checkRobotPluginInputs({ robotCode: 'dingbot' })).toEqual({
      failures: [],
      inputs: { robotCode: 'dingbot', plugins: [], adopt: false },
    });
    const { inputs } = checkRobotPluginInputs({
      robotCode: 'dingbot',
      plugins: [
        { name: 'b', icon: 'i' },
        { name: 'a', icon: 'i' },
      ],
    });
    expect((inputs.plugins as { name: string }[]).map((p) => p.name)).toEqual(['b', 'a']);
  });

  it('sorts the keys of a locale map', () => {
    const { inputs } = checkRobotPluginInputs({
      robotCode: 'dingbot',
      plugins: [{ name: { zh_CN: '部署', en_US: 'Deploy' }, icon: 'i' }],
    });
    const [plugin] = inputs.plugins as { name: object }[];
    expect(Object.keys(plugin.name)).toEqual(['en_US', 'zh_CN']);
  });

  it('names each bad property', () => {
    expect(issuePaths({})).toEqual(['robotCode']);
    expect(issuePaths({ robotCode: '' })).toEqual(['robotCode']);
    expect(issuePaths({ robotCode: 'r', plugins: {} })).toEqual(['plugins']);
    expect(issuePaths({ robotCode: 'r', plugins: [{ icon: 'i' }] })).toEqual(['plugins[0].name']);
    expect(issuePaths({ robotCode: 'r', plugins: [{ name: 'n' }] })).toEqual(['plugins[0].icon']);
    expect(issuePaths({ robotCode: 'r', plugins: [{ name: {}, icon: 'i' }] })).toEqual([
      'plugins[0].name',
    ]);
    expect(
      issuePaths({ robotCode: 'r', plugins: [{ name: { english: 'x' }, icon: 'i' }] }),
    ).toEqual(['plugins[0].name']);
    expect(
      issuePaths({ robotCode: 'r', plugins: [{ name: 'n', icon: 'i', pcUrl: 'not a url' }] }),
    ).toEqual(['plugins[0].pcUrl']);
    expect(
      issuePaths({ robotCode: 'r', plugins: [null, { name: 'n', icon: 'i', mobileUrl: 3 }] }),
    ).toEqual(['plugins[0]', 'plugins[1].mobileUrl']);
    expect(issuePaths({ robotCode: 'r', adopt: 'yes' })).toEqual(['adopt']);
  });

  it('accepts the preview-time unknown anywhere', () => {
    expect(issuePaths({ robotCode: UNKNOWN, plugins: UNKNOWN })).toEqual([]);
    expect(
      issuePaths({ robotCode: 'r', plugins: [{ name: UNKNOWN, icon: UNKNOWN }, UNKNOWN] }),
    ).toEqual([]);
  });
});

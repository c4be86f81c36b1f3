import {
  pluginsFromWire,
  pluginsToWire,
  samePlugins,
} from '../../../../provider/resources/robot-plugin/wire';

describe('robot plugin wire conversion', () => {
  const plugins = [
    {
      name: { zh_CN: '部署', en_US: 'Deploy' },
      icon: '@lALPDtXaDkO3j7hgYA',
      pcUrl: 'https://ops.example.com/deploy',
      mobileUrl: 'dingtalk://dingtalkclient/page/link?url=x',
    },
    { name: 'Status', icon: '@lADPDgQ9rKDZt8jNAoDNAoA' },
  ];

  it('sends names as wire strings and omits absent URLs', () => {
    // Strictly: an absent URL leaves no key behind, not even one holding `undefined`.
    expect(pluginsToWire(plugins)).toStrictEqual([
      {
        name: '{"en_US":"Deploy","zh_CN":"部署"}',
        icon: '@lALPDtXaDkO3j7hgYA',
        pcUrl: 'https://ops.example.com/deploy',
        mobileUrl: 'dingtalk://dingtalkclient/page/link?url=x',
      },
      { name: 'Status', icon: '@lADPDgQ9rKDZt8jNAoDNAoA' },
    ]);
  });

  it('round-trips without drift', () => {
    const back = pluginsFromWire(pluginsToWire(plugins), plugins);
    expect(samePlugins(back, plugins)).toBe(true);
    expect(back[0].name).toEqual({ en_US: 'Deploy', zh_CN: '部署' });
  });

  it('treats empty URLs from the server as absent', () => {
    expect(pluginsFromWire([{ name: 'a', icon: 'i', pcUrl: '', mobileUrl: '' }])).toStrictEqual([
      { name: 'a', icon: 'i' },
    ]);
  });

  it('treats a reordering as a change', () => {
    expect(samePlugins(plugins, [...plugins].reverse())).toBe(false);
    expect(samePlugins(plugins, plugins.slice(0, 1))).toBe(false);
    expect(samePlugins(plugins, [{ ...plugins[0], icon: 'other' }, plugins[1]])).toBe(false);
    expect(samePlugins(plugins, [plugins[0], { ...plugins[1], pcUrl: 'https://x' }])).toBe(false);
    expect(samePlugins(plugins, [plugins[0], { ...plugins[1], mobileUrl: 'https://m' }])).toBe(
      false,
    );
  });
});

import * as pluginName from '../../../../provider/resources/robot-plugin/plugin-name';

describe('plugin names', () => {
  it('sends a string name as it is', () => {
    expect(pluginName.pluginNameToWire('Deploy')).toBe('Deploy');
  });

  it('sends a locale map as i18n JSON with sorted keys', () => {
    expect(pluginName.pluginNameToWire({ zh_CN: '测试123', en_US: 'test123' })).toBe(
      '{"en_US":"test123","zh_CN":"测试123"}',
    );
  });

  it('reads a locale map back as the same map, whatever order the server used', () => {
    const declared = { zh_CN: '部署', en_US: 'Deploy' };
    const fromServer = '{"zh_CN":"部署","en_US":"Deploy"}';
    expect(pluginName.pluginNameFromWire(fromServer, declared)).toEqual({
      en_US: 'Deploy',
      zh_CN: '部署',
    });
    expect(Object.keys(pluginName.pluginNameFromWire(fromServer, declared))).toEqual([
      'en_US',
      'zh_CN',
    ]);
    expect(pluginName.pluginNameFromWire(fromServer)).toEqual({ en_US: 'Deploy', zh_CN: '部署' });
  });

  it('keeps a declared JSON string a string when the server returns the same map', () => {
    const declared = '{ "zh_CN": "部署", "en_US": "Deploy" }';
    expect(pluginName.pluginNameFromWire('{"en_US":"Deploy","zh_CN":"部署"}', declared)).toBe(
      declared,
    );
  });

  it('reports a changed name in the server form', () => {
    expect(pluginName.pluginNameFromWire('{"en_US":"Other"}', { en_US: 'Deploy' })).toEqual({
      en_US: 'Other',
    });
    expect(pluginName.pluginNameFromWire('Other', 'Deploy')).toBe('Other');
  });

  it('parses only JSON objects of strings as locale maps', () => {
    expect(pluginName.parseLocaleMap('{"en_US":"a"}')).toEqual({ en_US: 'a' });
    expect(pluginName.parseLocaleMap('{"en_US":1}')).toBeUndefined();
    expect(pluginName.parseLocaleMap('{}')).toBeUndefined();
    expect(pluginName.parseLocaleMap('[1]')).toBeUndefined();
    expect(pluginName.parseLocaleMap('{not json')).toBeUndefined();
    expect(pluginName.parseLocaleMap('Deploy')).toBeUndefined();
    expect(pluginName.parseLocaleMap('["Deploy"]')).toBeUndefined();
    expect(pluginName.parseLocaleMap('{"en_US":"a","zh_CN":1}')).toBeUndefined();
    expect(pluginName.parseLocaleMap(' \n{"en_US":"a"}')).toEqual({ en_US: 'a' });
  });

  it('compares names canonically', () => {
    expect(pluginName.samePluginName({ a: '1', b: '2' }, '{"b":"2","a":"1"}')).toBe(true);
    expect(pluginName.samePluginName({ a: '1' }, { a: '2' })).toBe(false);
    expect(pluginName.canonicalPluginName('{"b":"2", "a":"1"}')).toBe('{"a":"1","b":"2"}');
  });
});

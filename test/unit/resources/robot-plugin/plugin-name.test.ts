import {
  canonicalPluginName,
  parseLocaleMap,
  pluginNameFromWire,
  pluginNameToWire,
  samePluginName,
} from '../../../../provider/resources/robot-plugin/plugin-name';

describe('plugin names', () => {
  it('sends a string name as it is', () => {
    expect(pluginNameToWire('Deploy')).toBe('Deploy');
  });

  it('sends a locale map as i18n JSON with sorted keys', () => {
    expect(pluginNameToWire({ zh_CN: '测试123', en_US: 'test123' })).toBe(
      '{"en_US":"test123","zh_CN":"测试123"}',
    );
  });

  it('reads a locale map back as the same map, whatever order the server used', () => {
    const declared = { zh_CN: '部署', en_US: 'Deploy' };
    const fromServer = '{"zh_CN":"部署","en_US":"Deploy"}';
    expect(pluginNameFromWire(fromServer, declared)).toEqual({ en_US: 'Deploy', zh_CN: '部署' });
    expect(Object.keys(pluginNameFromWire(fromServer, declared))).toEqual(['en_US', 'zh_CN']);
    expect(pluginNameFromWire(fromServer)).toEqual({ en_US: 'Deploy', zh_CN: '部署' });
  });

  it('keeps a declared JSON string a string when the server returns the same map', () => {
    const declared = '{ "zh_CN": "部署", "en_US": "Deploy" }';
    expect(pluginNameFromWire('{"en_US":"Deploy","zh_CN":"部署"}', declared)).toBe(declared);
  });

  it('reports a changed name in the server form', () => {
    expect(pluginNameFromWire('{"en_US":"Other"}', { en_US: 'Deploy' })).toEqual({
      en_US: 'Other',
    });
    expect(pluginNameFromWire('Other', 'Deploy')).toBe('Other');
  });

  it('parses only JSON objects of strings as locale maps', () => {
    expect(parseLocaleMap('{"en_US":"a"}')).toEqual({ en_US: 'a' });
    expect(parseLocaleMap('{"en_US":1}')).toBeUndefined();
    expect(parseLocaleMap('{}')).toBeUndefined();
    expect(parseLocaleMap('[1]')).toBeUndefined();
    expect(parseLocaleMap('{not json')).toBeUndefined();
    expect(parseLocaleMap('Deploy')).toBeUndefined();
  });

  it('compares names canonically', () => {
    expect(samePluginName({ a: '1', b: '2' }, '{"b":"2","a":"1"}')).toBe(true);
    expect(samePluginName({ a: '1' }, { a: '2' })).toBe(false);
    expect(canonicalPluginName('{"b":"2", "a":"1"}')).toBe('{"a":"1","b":"2"}');
  });
});

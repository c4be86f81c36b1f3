import { createHash } from 'crypto';
import fc from 'fast-check';
import {
  acsDate,
  canonicalQueryString,
  percentEncode,
  signAcs3,
} from '../../provider/clients/alicloud/signer';
import { flattenParameters } from '../../provider/clients/alicloud/flatten';
import { openapiOracle } from './helpers/alicloud-oracle';

const vectorRequest = (date: string, nonce: string) => ({
  method: 'POST',
  host: 'ecs.cn-shanghai.aliyuncs.com',
  query: {
    ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd',
    RegionId: 'cn-shanghai',
  },
  headers: {
    'x-acs-action': 'RunInstances',
    'x-acs-version': '2014-05-26',
    'x-acs-date': date,
    'x-acs-signature-nonce': nonce,
  },
});
const vectorKeys = { accessKeyId: 'YourAccessKeyId', accessKeySecret: 'YourAccessKeySecret' };

describe('signAcs3: official V3 vectors', () => {
  it.each([
    [
      '2023-10-26T10:22:32Z',
      '3156853299f313e23d1673dc12e1703d',
      '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    ],
    [
      '2023-10-26T09:01:01Z',
      'd410180a5abf7fe235dd9b74aca91fc0',
      'e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804',
    ],
  ])('date %s nonce %s gives the documented signature', (date, nonce, signature) => {
    const headers = signAcs3(vectorRequest(date, nonce), vectorKeys);
    expect(headers.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,' +
        'SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,' +
        `Signature=${signature}`,
    );
    expect(headers['x-acs-content-sha256']).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('signs the STS token header and sends it', () => {
    const headers = signAcs3(vectorRequest('2023-10-26T10:22:32Z', 'abc'), {
      ...vectorKeys,
      securityToken: 'sts-token-value',
    });
    expect(headers['x-acs-security-token']).toBe('sts-token-value');
    expect(headers.authorization).toContain('x-acs-security-token');
  });

  it('fills a fresh date and nonce when none is given', () => {
    const req = vectorRequest('', '');
    const a = signAcs3(
      { ...req, headers: { 'x-acs-action': 'A', 'x-acs-version': 'v' } },
      vectorKeys,
    );
    const b = signAcs3(
      { ...req, headers: { 'x-acs-action': 'A', 'x-acs-version': 'v' } },
      vectorKeys,
    );
    expect(a['x-acs-date']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(a['x-acs-signature-nonce']).not.toBe(b['x-acs-signature-nonce']);
  });
});

describe('percent encoding', () => {
  it('follows RFC 3986 the way the service expects', () => {
    expect(percentEncode("a b*~()!'")).toBe('a%20b%2A~%28%29%21%27');
    expect(percentEncode('中')).toBe('%E4%B8%AD');
    expect(canonicalQueryString({ b: '2', a: 'x y', 'Filters.1.Name': 'n' })).toBe(
      'Filters.1.Name=n&a=x%20y&b=2',
    );
    expect(acsDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)))).toBe('2024-01-02T03:04:05Z');
  });
});

const tricky = fc.string({
  unit: fc.constantFrom(...[...` *~()!'&=+/%?#中文é😀abcXYZ019-_.`]),
  maxLength: 24,
});
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 24 }), tricky);
const paramName = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,12}$/);
const paramValue: fc.Arbitrary<unknown> = fc.oneof(
  anyText,
  fc.integer(),
  fc.boolean(),
  fc.array(fc.record({ Name: anyText, Value: anyText }), { maxLength: 3 }),
);
const request = fc.record({
  host: fc.constantFrom(
    'oos.cn-hangzhou.aliyuncs.com',
    'tds.ap-southeast-1.aliyuncs.com',
    '127.0.0.1:18080',
  ),
  action: fc.stringMatching(/^[A-Z][A-Za-z]{2,30}$/),
  version: fc.constantFrom('2019-06-01', '2018-12-03'),
  date: fc
    .date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2035-01-01T00:00:00Z'),
      noInvalidDate: true,
    })
    .map(acsDate),
  nonce: fc.stringMatching(/^[0-9a-f]{32}$/),
  params: fc.dictionary(paramName, paramValue, { maxKeys: 6 }),
  accessKeyId: fc.stringMatching(/^LTAI[A-Za-z0-9]{8,20}$/),
  accessKeySecret: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
});

function oracleAuthorization(
  query: Record<string, string>,
  headers: Record<string, string>,
  keys: { accessKeyId: string; accessKeySecret: string },
): string {
  const signedInput = { ...headers };
  delete signedInput.authorization;
  return openapiOracle.getAuthorization(
    { method: 'POST', pathname: '/', query, headers: signedInput },
    'ACS3-HMAC-SHA256',
    createHash('sha256').update('').digest('hex'),
    keys.accessKeyId,
    keys.accessKeySecret,
  );
}

describe('signAcs3 agrees with @alicloud/openapi-core', () => {
  it.each([
    ['without an STS token', false],
    ['with an STS token', true],
  ])('on generated requests %s', (_label, withToken) => {
    fc.assert(
      fc.property(request, fc.stringMatching(/^[A-Za-z0-9+/=]{16,80}$/), (req, token) => {
        const query = flattenParameters(req.params);
        const keys = {
          accessKeyId: req.accessKeyId,
          accessKeySecret: req.accessKeySecret,
          ...(withToken ? { securityToken: token } : {}),
        };
        const headers = signAcs3(
          {
            method: 'POST',
            host: req.host,
            query,
            headers: {
              'x-acs-action': req.action,
              'x-acs-version': req.version,
              'x-acs-date': req.date,
              'x-acs-signature-nonce': req.nonce,
            },
          },
          keys,
        );
        expect(headers['x-acs-security-token']).toBe(withToken ? token : undefined);
        expect(headers.authorization).toBe(oracleAuthorization(query, headers, keys));
      }),
      { numRuns: 250 },
    );
  });
});

describe('signAcs3: which headers are signed, and in what order', () => {
  const keys = { accessKeyId: 'LTAIexample1234', accessKeySecret: 'secret-é-中' };
  const host = 'oos.cn-hangzhou.aliyuncs.com';
  const query = { RegionId: 'cn-hangzhou', Description: 'deploy 中文 ünïcode ✓' };

  /** What the SDK signs for the caller's own headers plus those signAcs3 adds. */
  const sdkAuthorization = (given: Record<string, string>, body = '') => {
    const bodyHash = createHash('sha256').update(body, 'utf8').digest('hex');
    return openapiOracle.getAuthorization(
      {
        method: 'POST',
        pathname: '/',
        query,
        headers: { ...given, host, 'x-acs-content-sha256': bodyHash },
      },
      'ACS3-HMAC-SHA256',
      bodyHash,
      keys.accessKeyId,
      keys.accessKeySecret,
    );
  };
  const signedHeadersOf = (authorization: string) =>
    /SignedHeaders=([^,]*)/.exec(authorization)?.[1];

  const given = {
    'X-Acs-Version': '2019-06-01',
    'User-Agent': 'pulumi-dingtalk-chatops/1.0',
    'x-acs-signature-nonce': '0123456789abcdef0123456789abcdef',
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
    'X-ACS-Date': '2025-12-26T09:53:02Z',
    'x-acs-action': 'StartExecution',
    'X-Acs-Note': ' 部署 ✓ ',
  };

  it('signs host, content-type and every x-acs-* header whatever their case, sorted by name', () => {
    const headers = signAcs3({ method: 'POST', host, query, headers: given }, keys);
    expect(signedHeadersOf(headers.authorization)).toBe(
      'content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-note;' +
        'x-acs-signature-nonce;x-acs-version',
    );
    expect(headers.authorization).toBe(sdkAuthorization(given));
  });

  it('leaves other headers such as user-agent and accept out of the signature', () => {
    const sign = (extra: Record<string, string>) =>
      signAcs3({ method: 'POST', host, query, headers: { ...given, ...extra } }, keys)
        .authorization;
    expect(sign({ 'User-Agent': 'another-agent/2.0', Accept: '*/*' })).toBe(sign({}));
    expect(sign({ 'Content-Type': 'application/json' })).not.toBe(sign({}));
    expect(sign({ 'X-Acs-Note': 'changed' })).not.toBe(sign({}));
  });

  it('sorts a long list of x-acs-* headers given in any order as the SDK does', () => {
    const many: Record<string, string> = {
      'x-acs-action': 'StartExecution',
      'x-acs-version': '2019-06-01',
      'x-acs-date': '2025-12-26T09:53:02Z',
      'x-acs-signature-nonce': 'fedcba9876543210fedcba9876543210',
    };
    // 90 more names, given in a scrambled order.
    for (let i = 0; i < 90; i++) {
      const n = (i * 37) % 90;
      many[`X-Acs-Extra-${String(90 - n).padStart(2, '0')}${'abc'[n % 3]}`] = `v${n} ü`;
    }
    const headers = signAcs3({ method: 'POST', host, query, headers: many }, keys);
    const names = signedHeadersOf(headers.authorization)?.split(';') ?? [];
    expect(names).toHaveLength(96);
    expect(names).toEqual([...names].sort());
    expect(headers.authorization).toBe(sdkAuthorization(many));
  });

  it('agrees with the SDK on a body and header values with non-ASCII text', () => {
    const body = 'Parameters={"msg":"你好, wörld ✓"}';
    const headers = signAcs3({ method: 'POST', host, query, headers: given, body }, keys);
    expect(headers.authorization).toBe(sdkAuthorization(given, body));
  });
});

import { REDACTED, redact, registerSecret } from '../../provider/http/redact';

describe('redact', () => {
  it.each([
    ['https://oapi.dingtalk.com/robot/send?access_token=abcdef123456&x=1', 'abcdef123456'],
    ['GET /chat/get?chatid=c1&access_token=tok-987654321', 'tok-987654321'],
    [
      'Authorization: ACS3-HMAC-SHA256 Credential=LTAIxyz,SignedHeaders=host,Signature=deadbeef',
      'deadbeef',
    ],
    ['authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig', 'eyJhbGciOiJIUzI1NiJ9'],
    ['x-acs-dingtalk-access-token: 0123456789abcdef', '0123456789abcdef'],
    ['{"x-acs-dingtalk-access-token":"0123456789abcdef"}', '0123456789abcdef'],
    ['x-acs-security-token: CAIS-sts-token-value', 'CAIS-sts-token-value'],
    ['{"appKey":"ding1","appSecret":"app-secret-value"}', 'app-secret-value'],
    ['{"DingTalkClientSecret": "client-secret-value"}', 'client-secret-value'],
    ['{"Configuration":"{\\"DingTalkClientSecret\\":\\"nested-secret\\"}"}', 'nested-secret'],
    ['AccessKeySecret=ak-secret-value&AccessKeyId=LTAI', 'ak-secret-value'],
    ["{ clientSecret: 'inspected-secret' }", 'inspected-secret'],
    ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-key-value', 'wecom-key-value'],
    ['https://1234.appflow.aliyunnest.com/webhook/path-token-value', 'path-token-value'],
    ['/gettoken?appkey=ding&appsecret=legacy-secret-value', 'legacy-secret-value'],
    // The legacy (V1, HMAC-SHA1) RPC signature travels as a query parameter of its own.
    [
      'GET /?Action=ListChatConfigurations&Signature=v1-signature-value&Format=JSON',
      'v1-signature-value',
    ],
    [
      '{"Signature":"json-signature-value","Action":"ListChatConfigurations"}',
      'json-signature-value',
    ],
    [
      `SendUrl=${encodeURIComponent('https://x/robot/send?access_token=enc-token-value')}&A=1`,
      'enc-token-value',
    ],
    [
      `Configuration=${encodeURIComponent('{"appSecret": "enc-secret-value"}')}`,
      'enc-secret-value',
    ],
  ])('hides the credential in %s', (text, secret) => {
    const out = redact(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it('keeps ordinary text intact', () => {
    const text =
      'oos:GetChatConfiguration failed: HTTP 404 EntityNotExists.ChatConfiguration (RequestId 1F2E). Check alicloud:secretKey / ALIBABA_CLOUD_ACCESS_KEY_SECRET.';
    expect(redact(text)).toBe(text);
  });

  it('hides registered values in plain, URL-encoded and JSON-escaped form', () => {
    const secret = 'runtime/secret+value "quoted"';
    registerSecret(secret, 'credential');
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${JSON.stringify(secret)}`;
    const out = redact(text);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).not.toContain(JSON.stringify(secret).slice(1, -1));
  });

  it('does not register values too short to be real credentials', () => {
    registerSecret('test', 'credential');
    registerSecret(undefined, 'credential');
    expect(redact('a test value')).toBe('a test value');
  });
});

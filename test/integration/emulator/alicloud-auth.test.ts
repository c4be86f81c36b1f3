import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { OpenApiUtil } from '@alicloud/openapi-core';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import {
  canonicalRequestV3,
  sha256Hex as emulatorSha256,
  signatureV3,
  stringToSignV3,
} from '../../../emulator/alicloud/signature-v3';
import { signatureV1, stringToSignV1 } from '../../../emulator/alicloud/signature-v1';
import {
  acsTimestamp,
  alicloudClient,
  failure,
  rpc,
  sendSigned,
  sendV1,
  sendV3,
  sha256Hex,
  signV3,
  type RawV3Request,
} from './helpers';

/** The gateway checks: key, signature, date, nonce, body hash, STS token. */
let emu: RunningEmulator;
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  emu = await startEmulator({
    accessKeys: [{ accessKeyId: 'second-key', accessKeySecret: 'second-secret' }],
    stsTokens: [
      { accessKeyId: 'STS.valid', accessKeySecret: 'sts-secret', securityToken: 'sts-token' },
      {
        accessKeyId: 'STS.expired',
        accessKeySecret: 'sts-secret',
        securityToken: 'old-token',
        expiration: new Date(Date.now() - DAY).toISOString(),
      },
    ],
  });
});

afterAll(async () => {
  await emu.stop();
});

const getQuery = { RegionId: 'cn-hangzhou', Name: 'nothing-here' };
/** A V3 GetChatConfiguration of a configuration that is not there, with `spec` on top. */
const getV3 = (spec: Omit<RawV3Request, 'action'> = {}) =>
  sendV3(emu, { action: 'GetChatConfiguration', query: getQuery, ...spec });

describe('the V3 verifier', () => {
  it('reproduces the official signature vectors', () => {
    const vector = (date: string, nonce: string) => {
      const headers = {
        host: 'ecs.cn-shanghai.aliyuncs.com',
        'x-acs-action': 'RunInstances',
        'x-acs-version': '2014-05-26',
        'x-acs-date': date,
        'x-acs-signature-nonce': nonce,
        'x-acs-content-sha256': emulatorSha256(''),
      };
      const canonical = canonicalRequestV3({
        method: 'POST',
        path: '/',
        query: [
          ['ImageId', 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd'],
          ['RegionId', 'cn-shanghai'],
        ],
        headers,
        signedHeaders: Object.keys(headers),
        bodySha256: emulatorSha256(''),
      });
      return signatureV3('YourAccessKeySecret', stringToSignV3(canonical));
    };
    expect(vector('2023-10-26T10:22:32Z', '3156853299f313e23d1673dc12e1703d')).toBe(
      '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
    expect(vector('2023-10-26T09:01:01Z', 'd410180a5abf7fe235dd9b74aca91fc0')).toBe(
      'e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804',
    );
  });

  it('agrees with the vendor V1 signer on parameters that need escaping', () => {
    const params: Record<string, string> = {
      Action: 'ListChatConfigurations',
      Configuration: '{"a": "b c!*\'()~"}',
      'Filters.1.Name': 'Name',
      'Filters.1.Value': 'ünïcödé & more=',
      Timestamp: '2026-01-01T00:00:00Z',
    };
    const ours = signatureV1('secret', stringToSignV1('POST', Object.entries(params)));
    expect(ours).toBe(OpenApiUtil.getRPCSignature(params, 'POST', 'secret'));
  });
});

describe('V3 requests', () => {
  it('accept a second configured key pair', async () => {
    const client = alicloudClient(emu, {
      accessKeyId: 'second-key',
      accessKeySecret: 'second-secret',
    });
    const body = await rpc(client, 'ListChatConfigurations', { RegionId: 'cn-hangzhou' });
    expect(body.ChatConfigurations).toEqual([]);
  });

  it('reject an unknown key with InvalidAccessKeyId.NotFound (404)', async () => {
    const client = alicloudClient(emu, { accessKeyId: 'nobody', accessKeySecret: 'x' });
    const error = await failure(rpc(client, 'GetChatConfiguration', getQuery));
    expect(error.code).toBe('InvalidAccessKeyId.NotFound');
    expect(error.statusCode).toBe(404);
  });

  it('reject a wrong secret with SignatureDoesNotMatch (400)', async () => {
    const client = alicloudClient(emu, { accessKeySecret: 'not-the-secret' });
    const error = await failure(rpc(client, 'GetChatConfiguration', getQuery));
    expect(error.code).toBe('SignatureDoesNotMatch');
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain('server StringToSign is [ACS3-HMAC-SHA256 ');
  });

  it('reject a query changed after signing', async () => {
    const res = await sendV3(emu, {
      action: 'CreateChatConfiguration',
      query: {
        RegionId: 'cn-hangzhou',
        Name: 'signed-name',
        Type: 'DingTalk',
        Configuration: '{}',
      },
      afterSigning: ({ query }) => {
        query.Name = 'tampered-name';
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.Code).toBe('SignatureDoesNotMatch');
    const state = emu.state();
    expect(state.oos.chatConfigurations).toEqual([]);
  });

  it('reject a tampered signature and a tampered signed header', async () => {
    const flipped = await getV3({
      afterSigning: ({ headers }) => {
        headers.Authorization = headers.Authorization.replace(
          /Signature=([0-9a-f])/,
          (_m, c: string) => `Signature=${c === '0' ? '1' : '0'}`,
        );
      },
    });
    expect(flipped.json.Code).toBe('SignatureDoesNotMatch');

    const otherAction = await getV3({
      afterSigning: ({ headers }) => {
        headers['x-acs-action'] = 'DeleteChatConfiguration';
      },
    });
    expect(otherAction.json.Code).toBe('SignatureDoesNotMatch');
  });

  it('reject a date more than 15 minutes off with InvalidTimeStamp.Expired', async () => {
    for (const offset of [-16 * 60 * 1000, 16 * 60 * 1000]) {
      const res = await getV3({
        date: acsTimestamp(Date.now() + offset),
      });
      expect(res.status).toBe(400);
      expect(res.json.Code).toBe('InvalidTimeStamp.Expired');
    }
    const close = await getV3({
      date: acsTimestamp(Date.now() - 10 * 60 * 1000),
    });
    expect(close.json.Code).toBe('EntityNotExists.ChatConfiguration');
  });

  it('reject a malformed date with InvalidTimeStamp.Format', async () => {
    const res = await getV3({
      date: new Date().toUTCString(),
    });
    expect(res.json.Code).toBe('InvalidTimeStamp.Format');
  });

  it('reject a body whose SHA-256 is not the declared one', async () => {
    const res = await getV3({
      body: 'Name=smuggled',
      contentType: 'application/x-www-form-urlencoded',
      declaredBodyHash: sha256Hex(''),
    });
    expect(res.status).toBe(400);
    expect(res.json.Code).toBe('SignatureDoesNotMatch');
    expect(res.json.Message).toContain('x-acs-content-sha256');
  });

  it('reject a replayed request with SignatureNonceUsed', async () => {
    const signed = signV3(emu, {
      action: 'ListChatConfigurations',
      query: { RegionId: 'cn-hangzhou' },
    });
    expect((await sendSigned(emu, signed)).status).toBe(200);
    const replay = await sendSigned(emu, signed);
    expect(replay.status).toBe(400);
    expect(replay.json.Code).toBe('SignatureNonceUsed');
  });

  it('reject unsigned x-acs headers and requests without any signature', async () => {
    const unsigned = await getV3({
      afterSigning: ({ headers }) => {
        headers['x-acs-extra'] = 'added later';
      },
    });
    expect(unsigned.json.Code).toBe('IncompleteSignature');

    const anonymous = await getV3({
      afterSigning: ({ headers }) => {
        delete headers.Authorization;
      },
    });
    expect(anonymous.json.Code).toBe('IncompleteSignature');
  });

  it('answer unknown actions and versions with InvalidApi.NotFound (404)', async () => {
    const unknown = await sendV3(emu, { action: 'RunInstances', version: '2014-05-26' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.Code).toBe('InvalidApi.NotFound');
    const wrongVersion = await sendV3(emu, {
      action: 'ListChatConfigurations',
      version: '2018-12-03',
      query: { RegionId: 'cn-hangzhou' },
    });
    expect(wrongVersion.json.Code).toBe('InvalidApi.NotFound');
  });

  it('write error bodies with Code, Message, RequestId, HostId and Recommend', async () => {
    const res = await getV3();
    expect(Object.keys(res.json).sort()).toEqual([
      'Code',
      'HostId',
      'Message',
      'Recommend',
      'RequestId',
    ]);
    expect(res.headers['x-acs-request-id']).toBe(res.json.RequestId);
  });
});

describe('V1 requests', () => {
  it('accept a correct signature', async () => {
    const res = await sendV1(emu, {
      action: 'ListChatConfigurations',
      params: { RegionId: 'cn-hangzhou' },
    });
    expect(res.status).toBe(200);
    expect(res.json.ChatConfigurations).toEqual([]);
  });

  it('reject tampering, unknown keys, skewed timestamps and replays', async () => {
    const tampered = await sendV1(emu, {
      action: 'GetChatConfiguration',
      params: getQuery,
      afterSigning: (query) => {
        query.Name = 'other';
      },
    });
    expect(tampered.json.Code).toBe('SignatureDoesNotMatch');

    const unknown = await sendV1(emu, { action: 'GetChatConfiguration', accessKeyId: 'nobody' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.Code).toBe('InvalidAccessKeyId.NotFound');

    const skewed = await sendV1(emu, {
      action: 'GetChatConfiguration',
      params: getQuery,
      timestamp: acsTimestamp(Date.now() - 20 * 60 * 1000),
    });
    expect(skewed.json.Code).toBe('InvalidTimeStamp.Expired');

    let nonce = '';
    await sendV1(emu, {
      action: 'ListChatConfigurations',
      afterSigning: (query) => {
        nonce = query.SignatureNonce;
      },
    });
    const params = {
      Action: 'ListChatConfigurations',
      Format: 'json',
      Version: '2019-06-01',
      Timestamp: acsTimestamp(Date.now()),
      SignatureNonce: nonce,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      AccessKeyId: 'test',
    };
    const replay = await sendV1(emu, {
      action: 'ListChatConfigurations',
      afterSigning: (query) => {
        Object.assign(query, params);
        query.Signature = OpenApiUtil.getRPCSignature(params, 'POST', 'test');
      },
    });
    expect(replay.json.Code).toBe('SignatureNonceUsed');
  });
});

describe('STS credentials', () => {
  it.each([
    ['V3', undefined],
    ['V1', 'v2' as const],
  ])('work with their token (%s)', async (_label, signatureAlgorithm) => {
    const client = alicloudClient(emu, {
      accessKeyId: 'STS.valid',
      accessKeySecret: 'sts-secret',
      securityToken: 'sts-token',
      signatureAlgorithm,
    });
    const body = await rpc(client, 'DescribeDingTalk', {});
    expect(body.PageInfo.CurrentPage).toBe(1);
  });

  /** The code a DescribeDingTalk fails with for an STS key and token. */
  const stsFailureCode = async (accessKeyId: string, securityToken?: string) => {
    const client = alicloudClient(emu, {
      accessKeyId,
      accessKeySecret: 'sts-secret',
      ...(securityToken === undefined ? {} : { securityToken }),
    });
    return (await failure(rpc(client, 'DescribeDingTalk', {}))).code;
  };

  it('fail with a wrong token, without a token, or after expiry', async () => {
    expect(await stsFailureCode('STS.valid', 'forged')).toBe(
      'InvalidSecurityToken.MismatchWithAccessKey',
    );
    expect(await stsFailureCode('STS.valid')).toBe('MissingSecurityToken');
    expect(await stsFailureCode('STS.expired', 'old-token')).toBe('InvalidSecurityToken.Expired');
  });
});

describe('independence of the verifier', () => {
  it('imports nothing from the provider (its signer must not verify itself)', () => {
    const root = join(__dirname, '../../../emulator');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const full = join(dir, entry);
        if (statSync(full).isDirectory()) walk(full);
        else if (full.endsWith('.ts')) files.push(full);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) => /from '(\.\.\/)+provider/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

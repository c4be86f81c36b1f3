import {
  ecsRoleCredentials,
  type MetadataRequest,
} from '../../../provider/credentials/ecs-metadata';
import { defaultCredentialSource } from '../../../provider/credentials/resolve-source';
import { isChatOpsError } from '../../../provider/errors';
import { redact } from '../../../provider/http/redact';
import { watchConnections } from '../../support/no-network';

// The ECS instance role path, with an injected fetch only: no test may reach the metadata
// service. The fake records every request, and no socket may open.

const CREDENTIALS = {
  Code: 'Success',
  AccessKeyId: 'STS.EcsRoleKey',
  AccessKeySecret: 'EcsRoleSecret8d1f4b2c9e',
  SecurityToken: 'EcsRoleToken3a7c5e9d1b0f',
  Expiration: '2099-01-01T00:00:00Z',
};

function fakeMetadata(role = 'chatops-ecs-role') {
  const requests: MetadataRequest[] = [];
  const fetch = async (request: MetadataRequest) => {
    requests.push(request);
    const path = new URL(request.url).pathname;
    if (path === '/latest/api/token') return { status: 200, body: 'imds-session' };
    if (path === '/latest/meta-data/ram/security-credentials/') return { status: 200, body: role };
    if (path === `/latest/meta-data/ram/security-credentials/${role}`) {
      return { status: 200, body: JSON.stringify(CREDENTIALS) };
    }
    return { status: 404, body: '' };
  };
  return { fetch, requests };
}

describe('ECS instance role', () => {
  it('discovers the role, uses an IMDSv2 session and registers the secrets', async () => {
    const connections = watchConnections();
    try {
      const metadata = fakeMetadata();
      // No keys, no OIDC, no profile file: the chain ends at the discovered instance role.
      const source = defaultCredentialSource(
        { sharedCredentialsFile: '/nonexistent/config.json' },
        {},
      );
      expect(source.kind).toBe('ecsRamRole');
      expect(source).not.toHaveProperty('roleName');
      const credentials = await ecsRoleCredentials(
        source as { kind: 'ecsRamRole'; origin: string },
        metadata.fetch,
        {},
      );
      expect(credentials).toMatchObject({
        accessKeyId: 'STS.EcsRoleKey',
        securityToken: CREDENTIALS.SecurityToken,
      });
      expect(metadata.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        'PUT http://100.100.100.200/latest/api/token',
        'GET http://100.100.100.200/latest/meta-data/ram/security-credentials/',
        'GET http://100.100.100.200/latest/meta-data/ram/security-credentials/chatops-ecs-role',
      ]);
      expect(metadata.requests[2].headers['X-aliyun-ecs-metadata-token']).toBe('imds-session');
      expect(redact(`x ${CREDENTIALS.AccessKeySecret} ${CREDENTIALS.SecurityToken}`)).toBe(
        'x *** ***',
      );
      expect(connections.count()).toBe(0);
    } finally {
      connections.restore();
    }
  });

  it('asks for a six-hour session token, as the vendor chains do', async () => {
    const metadata = fakeMetadata();
    await ecsRoleCredentials({ kind: 'ecsRamRole', origin: 'test' }, metadata.fetch, {});
    expect(metadata.requests[0].headers['X-aliyun-ecs-metadata-token-ttl-seconds']).toBe('21600');
  });

  it('asks without a session token (IMDSv1) only while ALIBABA_CLOUD_IMDSV1_DISABLED is not true', async () => {
    const refusing = fakeMetadata();
    const fetch = async (request: MetadataRequest) =>
      new URL(request.url).pathname === '/latest/api/token'
        ? { status: 403, body: '' }
        : refusing.fetch(request);
    const source = { kind: 'ecsRamRole' as const, origin: 'the ECS instance role' };
    await expect(ecsRoleCredentials(source, fetch, {})).resolves.toMatchObject({
      accessKeyId: 'STS.EcsRoleKey',
    });
    const hardened = { ALIBABA_CLOUD_IMDSV1_DISABLED: 'true' };
    refusing.requests.length = 0;
    await expect(ecsRoleCredentials(source, fetch, hardened)).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringContaining('ALIBABA_CLOUD_IMDSV1_DISABLED=true'),
    });
    // Nothing was asked without the token.
    expect(refusing.requests).toEqual([]);
  });

  it('uses a named role (alicloud:ecsRoleName / ALIBABA_CLOUD_ECS_METADATA) without listing', async () => {
    const metadata = fakeMetadata('named');
    const source = defaultCredentialSource({ ecsRoleName: 'named' }, {});
    await ecsRoleCredentials(source as { kind: 'ecsRamRole'; origin: string }, metadata.fetch, {});
    expect(metadata.requests.map((r) => new URL(r.url).pathname)).not.toContain(
      '/latest/meta-data/ram/security-credentials/',
    );
  });

  it('is skipped by the chain, and refused when named, with ALIBABA_CLOUD_ECS_METADATA_DISABLED', async () => {
    const off = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
    expect(() => defaultCredentialSource({}, off)).toThrow(/No Alibaba Cloud credentials found/);
    const metadata = fakeMetadata();
    const source = defaultCredentialSource({ ecsRoleName: 'r' }, off);
    const error = await ecsRoleCredentials(
      source as { kind: 'ecsRamRole'; origin: string },
      metadata.fetch,
      off,
    ).catch((e: unknown) => e);
    expect(isChatOpsError(error, 'CONFIGURATION_ERROR')).toBe(true);
    expect((error as Error).message).toContain('ALIBABA_CLOUD_ECS_METADATA_DISABLED');
    expect(metadata.requests).toEqual([]);
  });

  it('reports a machine without a metadata service as a configuration problem', async () => {
    const unreachable = async () => {
      throw new Error('connect ETIMEDOUT');
    };
    const error = await ecsRoleCredentials(
      { kind: 'ecsRamRole', origin: 'x' },
      unreachable,
      {},
    ).catch((e: unknown) => e);
    expect(isChatOpsError(error, 'CONFIGURATION_ERROR')).toBe(true);
    expect((error as Error).message).toContain('not an ECS instance');
  });
});

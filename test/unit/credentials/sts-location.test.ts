import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultCredentialSource } from '../../../provider/credentials/resolve-source';
import { stsEndpoint } from '../../../provider/credentials/sts-client';

// Where STS is reached for a role, and the session name a role gets when none is set: as the
// vendor's chains decide them (profile fields first, then the variables).

describe('the STS endpoint of a role', () => {
  it('takes chatops:stsEndpoint, then the profile, then the region and VPC variables', () => {
    expect(stsEndpoint({ stsEndpoint: 'http://127.0.0.1:9' }, {}, { region: 'cn-beijing' })).toBe(
      'http://127.0.0.1:9',
    );
    expect(stsEndpoint({}, {}, { endpoint: 'sts.cn-shanghai.aliyuncs.com' })).toBe(
      'https://sts.cn-shanghai.aliyuncs.com',
    );
    expect(stsEndpoint({}, {}, { region: 'cn-beijing', vpc: true })).toBe(
      'https://sts-vpc.cn-beijing.aliyuncs.com',
    );
    const env = {
      ALIBABA_CLOUD_STS_REGION: 'cn-hangzhou',
      ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'true',
    };
    expect(stsEndpoint({}, env)).toBe('https://sts-vpc.cn-hangzhou.aliyuncs.com');
    // The profile's own region and VPC flag win over the variables.
    expect(stsEndpoint({}, env, { region: 'cn-beijing', vpc: false })).toBe(
      'https://sts.cn-beijing.aliyuncs.com',
    );
    expect(stsEndpoint({}, {})).toBe('https://sts.aliyuncs.com');
  });

  it('refuses a profile endpoint that is not an Alibaba Cloud host, naming it', () => {
    expect(() => stsEndpoint({}, {}, { endpoint: 'sts.example.invalid' })).toThrow(
      /sts_endpoint "sts.example.invalid" is not an Alibaba Cloud STS host name/,
    );
  });
});

describe('a role profile', () => {
  it('carries its sts_region, sts_endpoint and enable_vpc, and ALIBABA_CLOUD_ROLE_SESSION_NAME when it names no session', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatops-sts-'));
    try {
      const file = path.join(dir, 'config.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          current: 'role',
          profiles: [
            {
              name: 'role',
              mode: 'RamRoleArn',
              access_key_id: 'k',
              access_key_secret: 's',
              ram_role_arn: 'acs:ram::1:role/r',
              sts_region: 'cn-shanghai',
              enable_vpc: true,
            },
          ],
        }),
      );
      const source = defaultCredentialSource(
        { sharedCredentialsFile: file },
        {
          ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
          ALIBABA_CLOUD_ROLE_SESSION_NAME: 'ci-run-7',
        },
      );
      expect(source).toMatchObject({
        kind: 'ramRoleArn',
        roleSessionName: 'ci-run-7',
        sts: { region: 'cn-shanghai', vpc: true },
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses ALIBABA_CLOUD_ROLE_SESSION_NAME for alicloud:assumeRole without a sessionName', () => {
    const source = defaultCredentialSource(
      { accessKeyId: 'k', accessKeySecret: 's', assumeRole: '{"roleArn":"acs:ram::1:role/r"}' },
      { ALIBABA_CLOUD_ROLE_SESSION_NAME: 'ci-run-8' },
    );
    expect(source).toMatchObject({ kind: 'ramRoleArn', roleSessionName: 'ci-run-8' });
  });
});

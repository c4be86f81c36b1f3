// The Alibaba Cloud account, RAM role and OIDC provider that credential tests configure in
// the emulator's STS and name in a program's or a process's settings.

export const ACCOUNT = '1234567890123456';
export const ROLE = `acs:ram::${ACCOUNT}:role/chatops-deployer`;
export const OIDC_PROVIDER = `acs:ram::${ACCOUNT}:oidc-provider/ci`;
export const ISSUER = 'https://ci.example.invalid';

/** An access key pair as the emulator takes it. */
export const accessKey = (accessKeyId: string, accessKeySecret: string) => ({
  accessKeyId,
  accessKeySecret,
});

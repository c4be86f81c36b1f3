import { installNetworkGuard } from './network-guard';

// Runs before every test file of every project (jest.config.js setupFiles).
// The ECS instance role path of the credential chain would ask the metadata service at
// 100.100.100.200; no test may send a packet there, so the path is off for every test (and
// the e2e engine's environment, test/e2e/support/pulumi-env.ts). Its tests inject a fetch.
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
installNetworkGuard();

import { withDefaults } from '../../../provider/config/settings';
import { AlicloudCredentialChain } from '../../../provider/credentials/alicloud-chain';
import type { MetadataRequest } from '../../../provider/credentials/ecs-metadata';
import { HttpLayer } from '../../../provider/http/http-layer';
import { SkippingClock } from '../helpers/clocks';

// When the chain fetches the instance role's keys again: an hour before they expire, as the
// vendor's chains prefetch them. The metadata service is a fake; nothing leaves the process.

describe('the instance role keys', () => {
  it('are fetched again an hour before they expire', async () => {
    const clock = new SkippingClock(Date.parse('2030-01-01T00:00:00Z'));
    const expiration = new Date(clock.now() + 6 * 3600_000).toISOString();
    let keyRequests = 0;
    const metadataFetch = async (request: MetadataRequest) => {
      const path = new URL(request.url).pathname;
      if (path === '/latest/api/token') return { status: 200, body: 'session' };
      keyRequests += 1;
      return {
        status: 200,
        body: JSON.stringify({
          Code: 'Success',
          AccessKeyId: `STS.Ecs${keyRequests}`,
          AccessKeySecret: 'EcsRenewalSecret5b1d',
          SecurityToken: 'EcsRenewalToken9c2e',
          Expiration: expiration,
        }),
      };
    };
    const http = new HttpLayer({ clock });
    const settings = withDefaults({ ecsRoleName: 'chatops' });
    const chain = new AlicloudCredentialChain({
      http,
      getSettings: () => settings,
      env: () => ({}),
      metadataFetch,
    });
    try {
      await chain.credentials(settings);
      expect(keyRequests).toBe(1);
      await clock.sleep(4 * 3600_000 + 59 * 60_000);
      await chain.credentials(settings);
      expect(keyRequests).toBe(1);
      await clock.sleep(2 * 60_000);
      await chain.credentials(settings);
      expect(keyRequests).toBe(2);
    } finally {
      await http.close();
    }
  });
});

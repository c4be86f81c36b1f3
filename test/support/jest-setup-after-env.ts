import { blockedConnections } from './network-guard';

// A test file that tried to reach anything but loopback fails, even if the refused
// connection was swallowed as a transport error by the code under test.
afterAll(() => {
  const blocked = blockedConnections();
  if (blocked.length > 0) {
    throw new Error(
      `this test file tried to connect to non-loopback addresses: ${blocked
        .map((b) => `${b.host}:${b.port}`)
        .join(', ')}`,
    );
  }
});

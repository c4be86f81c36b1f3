import * as pkg from '../../package.json';

describe('package manifest', () => {
  it('declares the supported Node and Pulumi ranges', () => {
    expect(pkg.engines.node).toBe('>=20.18');
    expect(pkg.peerDependencies['@pulumi/pulumi']).toBe('>=3.216.0 <4');
  });
});

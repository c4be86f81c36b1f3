import { providerLog } from '../../../provider/lifecycle/provider-log';

// The provider process's log: warnings always reach the CLI output, debug lines only on request.

function capture(env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const log = providerLog(env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  log('warn', 'tokens not saved');
  log('debug', 'profile passed over');
  return { out, err };
}

describe('the provider log', () => {
  it('prints warnings on standard output and hides debug lines by default', () => {
    expect(capture({})).toEqual({ out: ['warning: tokens not saved'], err: [] });
  });

  it('prints debug lines on standard error with PULUMI_CHATOPS_DEBUG=true', () => {
    expect(capture({ PULUMI_CHATOPS_DEBUG: 'TRUE' })).toEqual({
      out: ['warning: tokens not saved'],
      err: ['debug: profile passed over'],
    });
    expect(capture({ PULUMI_CHATOPS_DEBUG: '1' }).err).toEqual([]);
  });
});

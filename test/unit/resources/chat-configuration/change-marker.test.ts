import { compareMarker } from '../../../../provider/resources/chat-configuration/change-marker';

describe('compareMarker: did anyone write since the provider did?', () => {
  it.each([
    // Get and List write seconds with an offset; state keeps what the provider saw.
    ['2026-11-28T10:00:05.000Z', '2026-11-28T10:00:05+00:00', 'unchanged'],
    ['2026-11-28T10:00:05.000Z', '2026-11-28T10:00:16+00:00', 'moved'],
    ['2026-11-28T10:00:05.000Z', '2026-11-28T18:00:16+08:00', 'moved'],
    // Within 10 s of the provider's own write, a later stamp may be a late copy of it.
    ['2026-11-28T10:00:05.000Z', '2026-11-28T10:00:06+00:00', 'unknown'],
    ['2026-11-28T10:00:05.000Z', '2026-11-28T10:00:15+00:00', 'unknown'],
    ['2026-11-28T10:00:05.000Z', '2026-11-28T18:00:05+08:00', 'unchanged'],
    // An Update answer is known to the microsecond: a later write in the same second would
    // carry the same stamp in a listing, so that second cannot be told.
    ['2026-11-28T10:00:05.178Z', '2026-11-28T10:00:05+00:00', 'unknown'],
    ['2026-11-28T10:00:05.178Z', '2026-11-28T10:00:16+00:00', 'moved'],
    // Update's own shape: microseconds and no offset, read as UTC.
    ['2026-11-28T10:00:05.178097', '2026-11-28T10:00:17+00:00', 'moved'],
    // A stamp older than the provider's own write: something is off, read in full.
    ['2026-11-28T10:00:05.000Z', '2026-11-28T10:00:04+00:00', 'unknown'],
    [undefined, '2026-11-28T10:00:05+00:00', 'unknown'],
    ['2026-11-28T10:00:05.000Z', undefined, 'unknown'],
    ['2026-11-28T10:00:05.000Z', 'yesterday-ish', 'unknown'],
  ])('own %s, remote %s: %s', (own, remote, verdict) => {
    expect(compareMarker(own, remote)).toBe(verdict);
  });
});

import { flattenParameters } from '../../provider/clients/alicloud/flatten';

describe('flattenParameters', () => {
  it('expands arrays 1-based and objects by key', () => {
    expect(
      flattenParameters({
        RegionId: 'cn-hangzhou',
        Filters: [
          { Name: 'type', Value: 'DingTalk' },
          { Name: 'status', Value: 'on' },
        ],
      }),
    ).toEqual({
      RegionId: 'cn-hangzhou',
      'Filters.1.Name': 'type',
      'Filters.1.Value': 'DingTalk',
      'Filters.2.Name': 'status',
      'Filters.2.Value': 'on',
    });
  });

  it('writes a date as an ISO 8601 UTC timestamp, also inside a list', () => {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(flattenParameters({ Since: at, Times: [at] })).toEqual({
      Since: '2026-01-02T03:04:05.000Z',
      'Times.1': '2026-01-02T03:04:05.000Z',
    });
  });

  it('drops nulls, stringifies scalars and keeps JSON strings verbatim', () => {
    expect(
      flattenParameters({
        A: null,
        B: undefined,
        C: 5,
        D: false,
        Configuration: '{"DingTalkClientId":"x"}',
        Nested: { List: [['a', 'b']] },
        Empty: [],
      }),
    ).toEqual({
      C: '5',
      D: 'false',
      Configuration: '{"DingTalkClientId":"x"}',
      'Nested.List.1.1': 'a',
      'Nested.List.1.2': 'b',
    });
  });
});

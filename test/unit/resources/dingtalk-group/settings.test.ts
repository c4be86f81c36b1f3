import {
  changedWireSettings,
  defaultGroupSettings,
  groupSettingWireNames,
  settingsFromWire,
  settingsToWire,
} from '../../../../provider/resources/dingtalk-group/settings';

describe('group settings mapping', () => {
  it('maps each user-facing setting to its DingTalk flag', () => {
    expect(groupSettingWireNames).toEqual({
      newMembersSeeHistory: 'showHistoryType',
      searchable: 'searchable',
      joinRequiresApproval: 'validationType',
      mentionAllOwnerOnly: 'mentionAllAuthority',
      managementOwnerOnly: 'managementType',
      allMuted: 'chatBannedType',
    });
  });

  it("defaults every setting to DingTalk's own default (flag 0)", () => {
    expect(settingsToWire(defaultGroupSettings)).toEqual({
      showHistoryType: 0,
      searchable: 0,
      validationType: 0,
      mentionAllAuthority: 0,
      managementType: 0,
      chatBannedType: 0,
    });
  });

  it('round-trips through the wire flags', () => {
    const settings = { ...defaultGroupSettings, searchable: true, allMuted: true };
    const wire = settingsToWire(settings);
    expect(wire.searchable).toBe(1);
    expect(wire.chatBannedType).toBe(1);
    expect(wire.validationType).toBe(0);
    expect(settingsFromWire(wire)).toEqual(settings);
  });

  it('reads missing flags as the default and tolerates string flags', () => {
    expect(settingsFromWire({ managementType: '1' })).toEqual({
      ...defaultGroupSettings,
      managementOwnerOnly: true,
    });
  });

  it('lists only the flags that changed', () => {
    const from = { ...defaultGroupSettings, searchable: true };
    const to = { ...defaultGroupSettings, joinRequiresApproval: true, searchable: true };
    expect(changedWireSettings(from, to)).toEqual({ validationType: 1 });
    expect(changedWireSettings(to, from)).toEqual({ validationType: 0 });
    expect(changedWireSettings(from, from)).toEqual({});
  });
});

import * as wireSettings from '../../../../provider/resources/dingtalk-group/settings';

describe('group settings mapping', () => {
  it('maps each user-facing setting to its DingTalk flag', () => {
    expect(wireSettings.groupSettingWireNames).toEqual({
      newMembersSeeHistory: 'showHistoryType',
      searchable: 'searchable',
      joinRequiresApproval: 'validationType',
      mentionAllOwnerOnly: 'mentionAllAuthority',
      managementOwnerOnly: 'managementType',
      allMuted: 'chatBannedType',
    });
  });

  it("defaults every setting to DingTalk's own default (flag 0)", () => {
    expect(wireSettings.settingsToWire(wireSettings.defaultGroupSettings)).toEqual({
      showHistoryType: 0,
      searchable: 0,
      validationType: 0,
      mentionAllAuthority: 0,
      managementType: 0,
      chatBannedType: 0,
    });
  });

  it('round-trips through the wire flags', () => {
    const settings = { ...wireSettings.defaultGroupSettings, searchable: true, allMuted: true };
    const wire = wireSettings.settingsToWire(settings);
    expect(wire.searchable).toBe(1);
    expect(wire.chatBannedType).toBe(1);
    expect(wire.validationType).toBe(0);
    expect(wireSettings.settingsFromWire(wire)).toEqual(settings);
  });

  it('reads missing flags as the default and tolerates string and boolean flags', () => {
    expect(wireSettings.settingsFromWire({ managementType: '1' })).toEqual({
      ...wireSettings.defaultGroupSettings,
      managementOwnerOnly: true,
    });
    expect(wireSettings.settingsFromWire({ searchable: true, chatBannedType: false })).toEqual({
      ...wireSettings.defaultGroupSettings,
      searchable: true,
    });
  });

  it('lists only the flags that changed', () => {
    const from = { ...wireSettings.defaultGroupSettings, searchable: true };
    const to = {
      ...wireSettings.defaultGroupSettings,
      joinRequiresApproval: true,
      searchable: true,
    };
    expect(wireSettings.changedWireSettings(from, to)).toEqual({ validationType: 1 });
    expect(wireSettings.changedWireSettings(to, from)).toEqual({ validationType: 0 });
    expect(wireSettings.changedWireSettings(from, from)).toEqual({});
  });
});

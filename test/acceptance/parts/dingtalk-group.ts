import type { GroupChat, GroupChatSettings } from '../../../provider/clients';
import { DINGTALK_GROUP_TYPE } from '../../../provider/resources/dingtalk-group/schema';
import {
  settingsFromWire,
  settingsToWire,
} from '../../../provider/resources/dingtalk-group/settings';
import { numberedUsers } from '../../integration/resources/dingtalk-harness';
import { DINGTALK_APP_VARIABLES, variable } from '../environment';
import { EMULATOR_GROUP_OWNER } from '../emulator-fixture';
import { runLifecycle } from '../lifecycle-steps';
import { uniqueName } from '../names';
import { definePart } from '../part';

interface Fixture {
  chatId: string;
}

/** A shape-only summary of the group before the run: how many members, which flags. */
interface OriginalGroup {
  memberCount: number;
  flags: Required<GroupChatSettings>;
}

/** Mirrors at most one `chat/create` batch: more members add nothing to the shapes. */
const MIRRORED_MEMBERS = 40;

/**
 * One existing group named by the user (no API dismisses a group, so the suite never
 * creates one): adopted under a new name with the additive member policy (nobody is added
 * or removed), renamed and given another @all setting, "deleted" under the retain policy,
 * and finally given back its original name and six settings.
 */
export const dingTalkGroupPart = definePart<Fixture, OriginalGroup>({
  name: 'DingTalkGroup',
  variables: [...DINGTALK_APP_VARIABLES, 'CHATOPS_ACCEPTANCE_GROUP_CHATID'],
  fromEnvironment: (env) => ({ chatId: variable(env, 'CHATOPS_ACCEPTANCE_GROUP_CHATID') }),
  async seed(direct, like) {
    const others = Math.min((like?.memberCount ?? 3) - 1, MIRRORED_MEMBERS - 1);
    const userIds = [EMULATOR_GROUP_OWNER, ...numberedUsers(Math.max(others, 0))];
    const created = await direct.groupChats.createChat({
      name: 'Acceptance group',
      owner: EMULATOR_GROUP_OWNER,
      userIds,
      ...(like?.flags ?? {}),
    });
    return { chatId: created.chatId };
  },
  async scenario(session, { chatId }, cleanup) {
    const client = session.clients.groupChats;
    const original = liveGroup(await client.getChat(chatId));
    const settings = settingsFromWire(original);
    const flags = settingsToWire(settings);
    cleanup.add('restore the group name and settings', () =>
      client.updateChat({ chatId, name: original.name, ...flags }),
    );
    const create = {
      name: uniqueName(),
      owner: original.owner,
      members: [],
      memberPolicy: 'additive',
      ...settings,
      deletionPolicy: 'retain',
      chatId,
      adopt: true,
    };
    const update = {
      ...create,
      name: uniqueName('u'),
      mentionAllOwnerOnly: !settings.mentionAllOwnerOnly,
    };
    await runLifecycle(
      session,
      { type: DINGTALK_GROUP_TYPE, create, update, afterDelete: 'retained' },
      cleanup,
    );
    return { memberCount: original.userIds.length, flags };
  },
});

function liveGroup(chat: GroupChat | undefined): GroupChat {
  if (chat === undefined || chat.status === 2) {
    throw new Error('CHATOPS_ACCEPTANCE_GROUP_CHATID names no live group (unknown or dismissed)');
  }
  return chat;
}

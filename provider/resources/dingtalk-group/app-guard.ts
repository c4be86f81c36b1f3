import { ChatOpsError } from '../../errors';
import type { LifecycleContext } from '../../lifecycle/context';
import type { StoredOutputs } from '../../lifecycle/define';
import type { DingTalkGroupOutputs as Outputs } from './schema';

const WHAT = 'DingTalk group';

/**
 * The app guard of `DingTalkGroup`. Groups have no listing that could prove them gone, and an
 * app of another organisation is told "group chat not found" (errcode 34013) about a group
 * that exists: so a "gone" answer (34013, or `status` 2) is believed only from the app that
 * state records as managing the group (the `appClientId` output). Any other answer leaves
 * the group in the stack and fails, naming both apps.
 */
export function trustGoneAnswer(
  ctx: LifecycleContext,
  id: string,
  props: StoredOutputs<Outputs>,
  answer: string,
): void {
  const current = ctx.clients().groupChats.appClientId();
  const recorded = props.appClientId;
  if (typeof recorded !== 'string' || recorded === '') {
    throw new ChatOpsError({
      code: 'GONE_UNPROVEN',
      message:
        `${WHAT} ${id}: DingTalk answered ${answer}, but the stack does not record which app ` +
        "manages the group (it was written by an earlier release), and another organisation's " +
        'app gets the same answer about a group that exists. The stack keeps the group and ' +
        'nothing was changed. Run `pulumi refresh` with the app that manages it while it ' +
        'exists, which records the app; if it is gone for certain, remove it with ' +
        '`pulumi state delete <urn>`.',
    });
  }
  if (recorded !== current) throw foreignApp(id, recorded, current, answer);
}

/** The error of an app that is not the group's managing app and cannot see the group. */
export function foreignApp(
  id: string,
  recorded: string,
  current: string,
  answer: string,
): ChatOpsError {
  return new ChatOpsError({
    code: 'WRONG_ACCOUNT',
    message:
      `${WHAT} ${id} is managed by the DingTalk app ${recorded}, but this run calls as the app ` +
      `${current}, which DingTalk answered ${answer}. Nothing was changed and the stack keeps ` +
      `the group. Run with the credentials of app ${recorded} (dingtalk:clientId and ` +
      "dingtalk:clientSecret, DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET, or the resource's " +
      '`app` set of chatops:dingtalkApps).',
  });
}

/** What a group's `chat/get` answer was, for messages. */
export function goneAnswer(status: number | undefined): string {
  return status === 2 ? 'status 2 (dismissed)' : 'errcode 34013 (group chat not found)';
}

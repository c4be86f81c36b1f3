import * as pulumi from '@pulumi/pulumi';
import { withOutputSlots } from '../../program/resource-options';
import { providerFor } from '../../program/stub-provider';
import {
  DINGTALK_GROUP_OUTPUT_ONLY,
  DINGTALK_GROUP_TYPE,
  type DeletionPolicy,
  type MemberPolicy,
} from './schema';

/**
 * `authoritative` (the declared members are the whole group) or `additive`.
 *
 * @useDeclaredType
 */
export type DingTalkGroupMemberPolicy = MemberPolicy;
/**
 * `retain` (leave the group) or `removeMembers` (empty it but for the owner).
 *
 * @useDeclaredType
 */
export type DingTalkGroupDeletionPolicy = DeletionPolicy;

/**
 * Inputs of a {@link DingTalkGroup}. The six settings map to DingTalk's 0/1 flags as
 * follows (`true` = 1); each defaults to DingTalk's own default, `false`:
 *
 * | Input                  | DingTalk field        |
 * |------------------------|-----------------------|
 * | `newMembersSeeHistory` | `showHistoryType`     |
 * | `searchable`           | `searchable`          |
 * | `joinRequiresApproval` | `validationType`      |
 * | `mentionAllOwnerOnly`  | `mentionAllAuthority` |
 * | `managementOwnerOnly`  | `managementType`      |
 * | `allMuted`             | `chatBannedType`      |
 */
export interface DingTalkGroupArgs {
  /** Group name, 1 to 20 characters. */
  name: pulumi.Input<string>;
  /** User id of the owner. The owner is always a member, listed in `members` or not. */
  owner: pulumi.Input<string>;
  /**
   * User ids of the members, as a set (order and duplicates do not matter). With the
   * owner, at most 1000. Default: `[]` (the owner alone).
   */
  members?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * `authoritative`: `members` is the whole truth; anyone else in the group is removed.
   * `additive`: only members this resource added (and no longer lists) are removed;
   * people who joined on their own stay. Default: `authoritative`.
   */
  memberPolicy?: pulumi.Input<DingTalkGroupMemberPolicy>;
  /** New members see the last 100 messages (`showHistoryType`). Default: `false`. */
  newMembersSeeHistory?: pulumi.Input<boolean>;
  /** The group can be found by searching its name (`searchable`). Default: `false`. */
  searchable?: pulumi.Input<boolean>;
  /** Joining needs approval (`validationType`). Default: `false`. */
  joinRequiresApproval?: pulumi.Input<boolean>;
  /** Only the owner may mention `@all` (`mentionAllAuthority`); otherwise everyone may. Default: `false`. */
  mentionAllOwnerOnly?: pulumi.Input<boolean>;
  /** Only the owner manages the group (`managementType`); otherwise everyone may. Default: `false`. */
  managementOwnerOnly?: pulumi.Input<boolean>;
  /** Everyone but the owner is muted (`chatBannedType`). Default: `false`. */
  allMuted?: pulumi.Input<boolean>;
  /**
   * What deleting the resource does, since DingTalk has no API to dismiss such a group:
   * `retain` leaves the group as it is and logs a warning; `removeMembers` removes everyone
   * but the owner. Default: `retain`.
   */
  deletionPolicy?: pulumi.Input<DingTalkGroupDeletionPolicy>;
  /**
   * The chatid of an existing group to adopt (with `adopt: true`). Leave it unset to
   * create a new group. Changing it replaces the resource. Default: none.
   */
  chatId?: pulumi.Input<string>;
  /**
   * Take over the existing group `chatId` and bring it to these inputs. Without it, a
   * `chatId` of an existing group fails the create. Default: `false`.
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * The DingTalk app to call as: a name of the stack config `chatops:dingtalkApps` (only the
   * name; the credentials stay in stack config). Default: the stack's own app
   * (`dingtalk:clientId`). Changing it is an update that calls with the new app.
   */
  app?: pulumi.Input<string>;
}

/**
 * A DingTalk internal group chat with its members and settings. The id is the chatid.
 *
 * Members are added 40 per call (DingTalk's limit); an update sends only the fields that
 * changed, because `chat/update` resets any setting it receives. A group DingTalk reports
 * as dismissed (`status` 2) is treated as deleted on refresh.
 *
 * API operations (DingTalk old API): `POST /chat/create` plus `POST /chat/update` per 40
 * further members (create), `GET /chat/get` (refresh; additive updates; adopt;
 * `removeMembers` delete), `POST /chat/update` (update, delete). The DingTalk app needs
 * the permission to manage group chats.
 *
 * Credentials: stack config `dingtalk:clientId` and `dingtalk:clientSecret` (secret), or
 * `DINGTALK_CLIENT_ID` / `DINGTALK_CLIENT_SECRET`, or the app named by `app`; endpoint
 * override `chatops:dingtalkOapiEndpoint`.
 */
export class DingTalkGroup extends pulumi.dynamic.Resource {
  /** Group name. */
  declare public readonly name: pulumi.Output<string>;
  /** Owner's user id. */
  declare public readonly owner: pulumi.Output<string>;
  /**
   * Members managed by this resource, owner included, sorted. Under `authoritative`, all
   * members; under `additive`, the declared ones still in the group.
   */
  declare public readonly members: pulumi.Output<string[]>;
  /** `authoritative` or `additive`. */
  declare public readonly memberPolicy: pulumi.Output<DingTalkGroupMemberPolicy>;
  /** `showHistoryType`. */
  declare public readonly newMembersSeeHistory: pulumi.Output<boolean>;
  /** `searchable`. */
  declare public readonly searchable: pulumi.Output<boolean>;
  /** `validationType`. */
  declare public readonly joinRequiresApproval: pulumi.Output<boolean>;
  /** `mentionAllAuthority`. */
  declare public readonly mentionAllOwnerOnly: pulumi.Output<boolean>;
  /** `managementType`. */
  declare public readonly managementOwnerOnly: pulumi.Output<boolean>;
  /** `chatBannedType`. */
  declare public readonly allMuted: pulumi.Output<boolean>;
  /** `retain` or `removeMembers`. */
  declare public readonly deletionPolicy: pulumi.Output<DingTalkGroupDeletionPolicy>;
  /** Whether the create could take over an existing group. */
  declare public readonly adopt: pulumi.Output<boolean>;
  /** The group's chatid (also the resource id). */
  declare public readonly chatId: pulumi.Output<string>;
  /**
   * The group's openConversationId, which DingTalk is moving to in place of chatid.
   * `chat/get` does not return it, so it is `null` for an adopted group.
   */
  declare public readonly openConversationId: pulumi.Output<string | null>;
  /** Number of people in the group, everyone included. */
  declare public readonly memberCount: pulumi.Output<number>;
  /**
   * The clientId of the DingTalk app that manages the group: only that app's "group not found"
   * answers drop the group from the stack.
   */
  declare public readonly appClientId: pulumi.Output<string | undefined>;

  constructor(name: string, args: DingTalkGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerFor(DINGTALK_GROUP_TYPE),
      name,
      withOutputSlots(args, DINGTALK_GROUP_OUTPUT_ONLY),
      opts,
      'chatops',
      DINGTALK_GROUP_TYPE,
    );
  }
}

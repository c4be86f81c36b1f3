import { z } from 'zod';
import { oapiError, WireError } from './wire-error';

/**
 * Answers of the real services that look like "not found" or "denied" and say nothing about
 * any object: a RAM policy that denies an action, a product not offered (or not activated) in a
 * region, a DingTalk app without a permission point, a Security Center edition without
 * ModifyDingTalkStatus. The emulator gives them by itself once configured, through the
 * `access` option or `PUT /_emulator/access`, so tests can prove a client never reads them as
 * "gone".
 */
export const accessPolicySchema = z
  .object({
    /**
     * RAM actions each access key may not call, e.g. `{"test": ["oos:DeleteChatConfiguration"]}`;
     * `oos:*` denies every OOS action. OOS answers 403 `Forbidden.RAM`, Security Center 403
     * `NoPermission`.
     */
    ramDenied: z.record(z.string(), z.array(z.string().min(1))).optional(),
    /**
     * Products not offered or not activated in a region (every region when `regionId` is left
     * out): 404 `InvalidApi.NotFound`, as an endpoint that does not serve the API answers.
     */
    unavailableApis: z
      .array(
        z
          .object({
            family: z.enum(['oos', 'security-center']),
            regionId: z.string().min(1).optional(),
          })
          .strict(),
      )
      .optional(),
    /**
     * DingTalk permission points each app lacks, e.g. `{"test": ["qyapi_chat_manage"]}`. The
     * old API answers errcode 88 with sub_code 60011, the new API 403
     * `Forbidden.AccessDenied.AccessTokenPermissionDenied`.
     */
    dingtalkMissingPermissions: z.record(z.string(), z.array(z.string().min(1))).optional(),
    /** ModifyDingTalkStatus is an Enterprise-edition feature; other editions get 403 NoPermission. */
    securityCenterEdition: z.enum(['basic', 'advanced', 'enterprise']).optional(),
  })
  .strict();

export type AccessPolicyInput = z.input<typeof accessPolicySchema>;

/** RAM namespace of each Alibaba Cloud family, as in RAM policies. */
const RAM_PREFIX = { sts: 'sts', oos: 'oos', 'security-center': 'yundun-sas' } as const;
type RpcFamily = keyof typeof RAM_PREFIX;

export class AccessPolicy {
  private policy: AccessPolicyInput;

  constructor(initial: AccessPolicyInput = {}) {
    this.policy = accessPolicySchema.parse(initial);
  }

  snapshot(): AccessPolicyInput {
    return structuredClone(this.policy);
  }

  /** Replaces the whole policy (the control API's PUT). */
  replace(input: unknown): AccessPolicyInput {
    this.policy = accessPolicySchema.parse(input);
    return this.snapshot();
  }

  /** Throws the service's answer when the call may not go ahead. */
  checkRpc(call: { family: RpcFamily; action: string; accessKeyId: string; regionId: string }) {
    const offered = !(this.policy.unavailableApis ?? []).some(
      (rule) =>
        rule.family === call.family &&
        (rule.regionId === undefined || rule.regionId === call.regionId),
    );
    if (!offered) {
      throw new WireError(
        404,
        'InvalidApi.NotFound',
        'Specified api is not found, please check your url and method.',
      );
    }
    const ramAction = `${RAM_PREFIX[call.family]}:${call.action}`;
    const denied = (this.policy.ramDenied?.[call.accessKeyId] ?? []).some(
      (pattern) => pattern === ramAction || pattern === `${RAM_PREFIX[call.family]}:*`,
    );
    if (denied) {
      throw call.family === 'oos'
        ? new WireError(
            403,
            'Forbidden.RAM',
            `User not authorized to operate on the specified resource, or this API does not support RAM. (${ramAction})`,
          )
        : new WireError(403, 'NoPermission', `caller has no permission (${ramAction})`);
    }
    if (
      call.action === 'ModifyDingTalkStatus' &&
      (this.policy.securityCenterEdition ?? 'enterprise') !== 'enterprise'
    ) {
      throw new WireError(
        403,
        'NoPermission',
        'ModifyDingTalkStatus is available in the Enterprise edition of Security Center only.',
      );
    }
  }

  /** Throws the DingTalk answer when the app lacks the permission point of the call. */
  checkDingTalk(call: { appKey: string; permission: string; style: 'api' | 'oapi' }) {
    const missing = this.policy.dingtalkMissingPermissions?.[call.appKey] ?? [];
    if (!missing.includes(call.permission)) return;
    if (call.style === 'api') {
      throw new WireError(
        403,
        'Forbidden.AccessDenied.AccessTokenPermissionDenied',
        `没有调用该接口的权限，接口权限申请参考 (missing permission ${call.permission})`,
      );
    }
    throw oapiError(88, 'ding talk error[subcode=60011,submsg=没有调用该接口的权限]', {
      sub_code: '60011',
      sub_msg: `没有调用该接口的权限 (missing permission ${call.permission})`,
    });
  }
}

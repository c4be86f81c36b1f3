import type { ChatConfiguration } from '../../clients/alicloud/oos';
import { isMasked } from '../../lifecycle/secrets';
import type { ChatConfigurationOutputs as Outputs } from './schema';

/**
 * What a secret setting reads as once OOS's `UpdatedDate` shows a write nobody can see: it
 * differs from every declared value, so the diff shows the setting as changed and the next
 * `up` writes it again. Not a secret itself, and it says why in `pulumi stack export`.
 */
export const CHANGED_OUTSIDE_PULUMI = '(changed outside Pulumi: written again by the next up)';

/** The names of the masked settings of a configuration, as the diff and a message show them. */
export function maskedSettingNames(live: ChatConfiguration): string[] {
  const masked = Object.keys(live.configuration).filter((key) => isMasked(live.configuration[key]));
  return live.type === 'WeChat' ? masked.map((key) => `weComSettings.${key}`) : ['clientSecret'];
}

/**
 * The outputs of a configuration someone wrote to (its stamp moved) while every readable field
 * stayed as applied: the masked settings are what changed, so they read as changed.
 */
export function withMaskedSettingsChanged(outs: Outputs, live: ChatConfiguration): Outputs {
  if (live.type !== 'WeChat') return { ...outs, clientSecret: CHANGED_OUTSIDE_PULUMI };
  const weComSettings = { ...outs.weComSettings };
  for (const [key, value] of Object.entries(live.configuration)) {
    if (isMasked(value)) weComSettings[key] = CHANGED_OUTSIDE_PULUMI;
  }
  return { ...outs, weComSettings };
}

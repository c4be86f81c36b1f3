import { ChatOpsError } from '../../errors';
import { ProviderSettings } from '../../config/settings';

/** OOS is regional: `https://oos.<region>.aliyuncs.com` unless overridden. */
export function oosEndpoint(region: string, settings: ProviderSettings): string {
  if (settings.oosEndpoint) return settings.oosEndpoint;
  return `https://oos.${checkRegion(region, 'OOS')}.aliyuncs.com`;
}

/**
 * Security Center has two public endpoints: `tds.cn-shanghai.aliyuncs.com` serves
 * mainland China, Hong Kong and the finance and government clouds (all `cn-*` regions),
 * `tds.ap-southeast-1.aliyuncs.com` serves every other region
 * (docs/wire-facts.md section 1b).
 */
export function securityCenterEndpoint(region: string, settings: ProviderSettings): string {
  if (settings.sasEndpoint) return settings.sasEndpoint;
  return isChinaSite(checkRegion(region, 'Security Center'))
    ? 'https://tds.cn-shanghai.aliyuncs.com'
    : 'https://tds.ap-southeast-1.aliyuncs.com';
}

export function isChinaSite(region: string): boolean {
  return region.toLowerCase().startsWith('cn-');
}

function checkRegion(region: string, product: string): string {
  const trimmed = (region ?? '').trim();
  if (!/^[a-z]{2,}(-[a-z0-9]+)+$/i.test(trimmed)) {
    throw new ChatOpsError({
      code: 'CONFIGURATION_ERROR',
      message: `No valid region for ${product} (got "${trimmed}"). Set the region (alicloud:region / ALIBABA_CLOUD_REGION or the resource's regionId), e.g. cn-hangzhou.`,
    });
  }
  return trimmed.toLowerCase();
}

import { invalidField } from '../alicloud/errors';
import type { WireVariants } from '../wire-variants';

/**
 * How ListChatConfigurations pages, if it does. Its response model has no NextToken, so by
 * default it answers everything at once; the `listChatConfigurationsPage` wire variant, or the
 * older `oosListPaging` option, make it page.
 */
export interface ChatConfigurationPaging {
  /** Page size when the call sends no MaxResults. */
  defaultSize: number;
  /** Largest page served, whatever MaxResults asks for. */
  maxSize: number;
  /** Whether a page that leaves items out says so with a NextToken (else: silently cut). */
  nextToken: boolean;
}

/** The largest MaxResults the call accepts (refused above with InvalidParameter.MaxResults). */
export const MAX_RESULTS_LIMIT = 100;

/** `oosListPaging: true`, as it has always paged: MaxResults items (20 without it), NextToken. */
const LEGACY_PAGING: ChatConfigurationPaging = {
  defaultSize: 20,
  maxSize: MAX_RESULTS_LIMIT,
  nextToken: true,
};

/** The wire variant wins over `oosListPaging`; undefined means one unpaged answer. */
export function chatConfigurationPaging(
  variants: Readonly<WireVariants>,
  oosListPaging: boolean,
): ChatConfigurationPaging | undefined {
  const page = variants.listChatConfigurationsPage;
  if (page) return { defaultSize: page.cap, maxSize: page.cap, nextToken: page.nextToken };
  return oosListPaging ? LEGACY_PAGING : undefined;
}

export function pageSize(paging: ChatConfigurationPaging, maxResults: number | undefined): number {
  return Math.min(paging.maxSize, maxResults ?? paging.defaultSize);
}

export function encodeNextToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

export function decodeNextToken(token: string): number {
  const m = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!m) throw invalidField('InvalidParameter', 'NextToken', 'not a token this API issued');
  return Number(m[1]);
}

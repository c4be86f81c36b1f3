import { headerValue, type Exchange, type WireResponse } from './exchange';
import type { ApiFamily } from '../options';
import type { WireError } from '../wire-error';
import type { WireStyle } from './router';

const PRODUCT: Partial<Record<ApiFamily, string>> = { oos: 'oos', 'security-center': 'Sas' };

/** Renders an error the way the family's real service writes it. */
export function renderError(
  error: WireError,
  style: WireStyle,
  exchange: Exchange,
  family?: ApiFamily,
): WireResponse {
  const headers = { 'x-acs-request-id': exchange.requestId, ...error.headers };
  switch (style) {
    case 'alicloud':
      return {
        status: error.status,
        headers,
        body: {
          RequestId: exchange.requestId,
          HostId: headerValue(exchange.headers, 'host') ?? '127.0.0.1',
          Code: error.code,
          Message: error.message,
          Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=${PRODUCT[family ?? 'oos'] ?? 'oos'}`,
        },
      };
    case 'dingtalk-api':
      return {
        status: error.status,
        headers,
        body: { code: error.code, requestid: exchange.requestId, message: error.message },
      };
    case 'oauth':
      return {
        status: error.status,
        headers,
        body: {
          error: error.code,
          error_description: error.message,
          requestId: exchange.requestId,
        },
      };
    case 'cloud-sso':
      return {
        status: error.status,
        headers,
        body: { ErrorCode: error.code, ErrorMessage: error.message, RequestId: exchange.requestId },
      };
    case 'dingtalk-oapi': {
      const errcode = Number(error.code);
      return {
        status: error.status,
        headers,
        body: {
          errcode: Number.isFinite(errcode) ? errcode : -1,
          errmsg: error.message,
          ...error.extraBody,
        },
      };
    }
  }
}

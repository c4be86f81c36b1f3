/**
 * The official Alibaba Cloud runtime, used as an independent oracle for the V3 signature.
 * Its getAuthorization encodes query values (not names) and signs host, content-type and
 * every x-acs-* header.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const openapiOracle = require('@alicloud/openapi-core/dist/utils').default as {
  getAuthorization(
    request: {
      method: string;
      pathname: string;
      query: Record<string, string>;
      headers: Record<string, string>;
    },
    algorithm: string,
    payloadHash: string,
    accessKeyId: string,
    accessKeySecret: string,
  ): string;
};

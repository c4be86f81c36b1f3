/**
 * RFC 3986 percent-encoding as Alibaba Cloud signatures require it: encodeURIComponent,
 * then `!'()*` encoded too; space is `%20`, `~` stays (docs/wire-facts.md section 1, step 1).
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

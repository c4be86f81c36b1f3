/**
 * Names in the generated program: Pulumi resource names derived from the remote names, and
 * stack config keys for the secrets the remote APIs do not reveal.
 */

/**
 * A Pulumi resource name for a remote object: its name in lower case with every run of other
 * characters turned into `-` (remote names may hold spaces or Chinese characters). A name left
 * empty, or starting with a digit, is prefixed with `fallback`; a name already in `taken` gets
 * a number. The result is added to `taken`.
 */
export function resourceName(remoteName: string, fallback: string, taken: Set<string>): string {
  const slug = remoteName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const base = slug === '' ? fallback : /^[0-9]/.test(slug) ? `${fallback}-${slug}` : slug;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}

/**
 * A stack config key for one setting of a resource: `ops-bot` and `ClientSecret` make
 * `opsBotClientSecret`. Only letters and digits, so it is a valid key in any project.
 *
 * Camel-casing can give two settings the same key (`ok` + `ClientSecret` and `ok-client` +
 * `Secret` both make `okClientSecret`), and one key would hand one object's secret to the
 * other. So a key already in `taken` gets a number (`okClientSecret2`, `3`, ...), as
 * {@link resourceName} does, and the result is added to `taken`. Numbering rather than
 * refusing: an error would print no program at all for a region whose remote names happen
 * to collide, which the user could only fix by renaming the remote objects; a numbered key
 * loses nothing, since every setting still has a key of its own, the program shows which
 * resource reads it, and the same objects in the same listing order get the same keys.
 */
export function configKey(resource: string, what: string, taken: Set<string>): string {
  const words = `${resource}-${what}`.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const base = words
    .map((word, i) =>
      i === 0
        ? word.charAt(0).toLowerCase() + word.slice(1)
        : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join('');
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}${n}`;
  taken.add(key);
  return key;
}

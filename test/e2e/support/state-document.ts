/** The key and value that mark a secret in Pulumi's serialized state. */
const SECRET_SIGNATURE_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIGNATURE = '1b47061264138c4ac30d75fd1eb44270';

/** One resource of an exported stack state (`pulumi stack export`), as far as tests read it. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** The resources of an exported stack state, from its JSON text. */
export function stateResources(exportedText: string): StateResource[] {
  const document = JSON.parse(exportedText) as { deployment?: { resources?: StateResource[] } };
  return document.deployment?.resources ?? [];
}

/**
 * The serialized provider of each resource that has one, by URN: the `__provider` text of
 * its inputs and of its outputs (the dynamic provider runner keeps it in both).
 */
export function providerTexts(resources: StateResource[]): Map<string, string[]> {
  const texts = new Map<string, string[]>();
  for (const resource of resources) {
    const found = [resource.inputs?.__provider, resource.outputs?.__provider].filter(
      (value): value is string => typeof value === 'string',
    );
    if (found.length > 0) texts.set(resource.urn, found);
  }
  return texts;
}

/**
 * Whether a state value is a secret as the file backend writes it: an object carrying the
 * secret signature and the ciphertext, never the value itself.
 */
export function isEncrypted(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const secret = value as Record<string, unknown>;
  return (
    secret[SECRET_SIGNATURE_KEY] === SECRET_SIGNATURE &&
    typeof secret.ciphertext === 'string' &&
    secret.ciphertext !== ''
  );
}

/** A switch of the vendor's chains: on when the variable says `true`, in any case. */
export function envFlag(env: NodeJS.ProcessEnv, name: string): boolean {
  return (env[name] ?? '').trim().toLowerCase() === 'true';
}

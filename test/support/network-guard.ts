import net from 'node:net';

/**
 * Tests may reach loopback addresses only (the emulator, local test servers). This guard
 * wraps `net.Socket.prototype.connect`, the one place every TCP and TLS connection of the
 * process goes through (net.connect, tls.connect, undici and the platform's fetch), and
 * refuses any other address before a packet leaves: the connection fails as refused and the
 * attempt is recorded, so the test file fails in its afterAll (network-guard-after-env.ts).
 * Names under `.invalid` pass: they never resolve (RFC 6761), which is how tests reach an
 * unreachable host.
 */

export interface BlockedConnection {
  host: string;
  port: number | string | undefined;
}

interface GuardState {
  blocked: BlockedConnection[];
  original: typeof net.Socket.prototype.connect;
}

const STATE_KEY = Symbol.for('chatops.test.networkGuard');

/** True for addresses on this machine, and for names that can never resolve. */
export function isAllowedHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h.endsWith(GUARD_PROBE_SUFFIX)) return false;
  return (
    h === 'localhost' ||
    h === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(h) ||
    /^::ffff:127(\.\d{1,3}){3}$/.test(h) ||
    h.endsWith('.invalid')
  );
}

/**
 * Names the guard refuses although they are under `.invalid`: the guard's own tests connect
 * to them to prove a refusal, and should the guard ever fail, such a name still resolves to
 * nothing, so no packet leaves for a real address.
 */
export const GUARD_PROBE_SUFFIX = '.guard-probe.invalid';

/** Where a `connect(...)` call goes, whatever form its arguments take. */
function target(args: unknown[]): { host?: string; port?: number | string; path?: string } {
  let first = args[0];
  // net.connect() passes its normalized arguments as one array: [options, callback].
  if (Array.isArray(first)) first = first[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; port?: number | string; path?: string };
    return { host: options.host ?? 'localhost', port: options.port, path: options.path };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return { port: first as number, host: typeof args[1] === 'string' ? args[1] : 'localhost' };
}

// Kept on the `net` module, which every test file of a worker shares (each file has its own
// global object, but core modules are loaded once per process).
function state(): GuardState | undefined {
  return (net as unknown as Record<symbol, GuardState | undefined>)[STATE_KEY];
}

/**
 * Installs the guard once per worker process, and starts a new record of refused connections
 * for the test file that is starting (jest setupFiles calls this before each file).
 */
export function installNetworkGuard(): void {
  const installed = state();
  if (installed) {
    installed.blocked.splice(0);
    return;
  }
  const original = net.Socket.prototype.connect;
  const guard: GuardState = { blocked: [], original };
  (net as unknown as Record<symbol, GuardState>)[STATE_KEY] = guard;
  net.Socket.prototype.connect = function guardedConnect(
    this: net.Socket,
    ...args: unknown[]
  ): net.Socket {
    const to = target(args);
    if (to.path === undefined && to.host !== undefined && !isAllowedHost(to.host)) {
      guard.blocked.push({ host: to.host, port: to.port });
      const error = Object.assign(
        new Error(
          `test network guard: connection to ${to.host}:${to.port} refused (loopback only)`,
        ),
        { code: 'ECONNREFUSED' },
      );
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
}

/** Connections refused so far in this test file. */
export function blockedConnections(): BlockedConnection[] {
  return [...(state()?.blocked ?? [])];
}

/** Forgets refused connections (only the guard's own test, after provoking some). */
export function clearBlockedConnections(): void {
  state()?.blocked.splice(0);
}

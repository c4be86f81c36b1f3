import { z } from 'zod';
import type { AccessPolicy } from './access-policy';
import { dismissGroupChat } from './apis/group-chats';
import { controlRequestRefusal } from './control-guard';
import type { FaultInjector } from './faults';
import { sendResponse, type Exchange, type WireResponse } from './http/exchange';
import type { RequestLog } from './request-log';
import type { Store } from './store';
import type { WireVariantSettings } from './wire-variants';

/**
 * `/_emulator/...`: what a person could see or do in the vendors' consoles, plus test
 * controls (faults, request log, reset). Never rate limited, faulted or logged, and only
 * served to requests that pass the guard of control-guard.ts.
 */
export interface ControlTargets {
  store: Store;
  faults: FaultInjector;
  log: RequestLog;
  access: AccessPolicy;
  /** Answers no vendor document settles; reset restores the options' ones. */
  variants: WireVariantSettings;
  /** STS: roles and OIDC providers it knows, keys it issued (no secrets), early expiry. */
  sts: {
    roles(): unknown[];
    oidcProviders(): unknown[];
    issued(): unknown[];
    expireIssued(): number;
  };
  /** The sign-in services' tokens as they stand (rotated refresh tokens, access tokens). */
  signIn(): unknown;
  reset(): void;
}

const directorySchema = z
  .object({
    robots: z
      .array(
        z
          .object({
            robotCode: z.string().min(1),
            name: z.string().optional(),
            appKey: z.string().min(1).optional(),
            stopped: z.boolean().optional(),
          })
          .strict(),
      )
      .optional(),
    users: z
      .array(z.object({ userId: z.string().min(1), name: z.string().optional() }).strict())
      .optional(),
  })
  .strict();

function json(status: number, body: unknown): WireResponse {
  return { status, body };
}

function problem(status: number, message: string): WireResponse {
  return { status, body: { error: message } };
}

function jsonBody(exchange: Exchange): unknown {
  const text = exchange.body.toString('utf8').trim();
  if (text === '') return undefined;
  return JSON.parse(text);
}

export class ControlApi {
  constructor(private readonly targets: ControlTargets) {}

  handle(exchange: Exchange): void {
    let response: WireResponse;
    try {
      response = controlRequestRefusal(exchange) ?? this.route(exchange);
    } catch (error) {
      response = problem(400, error instanceof Error ? error.message : String(error));
    }
    sendResponse(exchange.res, response);
  }

  private route(exchange: Exchange): WireResponse {
    const { method } = exchange;
    const path = exchange.path.replace(/\/+$/, '');
    const { store, faults, log } = this.targets;

    if (path === '/_emulator/health' && method === 'GET') return json(200, { ok: true });
    if (path === '/_emulator/state') {
      if (method === 'GET') return json(200, store.snapshot());
      if (method === 'DELETE') {
        this.targets.reset();
        return json(200, { reset: true });
      }
    }
    if (path === '/_emulator/faults') {
      if (method === 'GET') return json(200, { faults: faults.list() });
      if (method === 'POST') {
        const body = jsonBody(exchange);
        const rules = Array.isArray(body) ? body : [body];
        return json(201, { faults: rules.map((rule) => faults.add(rule)) });
      }
      if (method === 'DELETE') {
        const cleared = faults.list().length;
        faults.clear();
        return json(200, { cleared });
      }
    }
    const faultId = /^\/_emulator\/faults\/([^/]+)$/.exec(path);
    if (faultId && method === 'DELETE') {
      return faults.remove(decodeURIComponent(faultId[1]))
        ? json(200, { removed: faultId[1] })
        : problem(404, `no fault ${faultId[1]}`);
    }
    if (path === '/_emulator/requests') {
      if (method === 'GET') return json(200, log.snapshot());
      if (method === 'DELETE') {
        log.clear();
        return json(200, { cleared: true });
      }
    }
    if (path === '/_emulator/directory') {
      if (method === 'GET') return json(200, store.directory.snapshot());
      if (method === 'POST') {
        const parsed = directorySchema.safeParse(jsonBody(exchange) ?? {});
        if (!parsed.success) {
          return problem(
            400,
            parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          );
        }
        store.state.directory.robots.push(...(parsed.data.robots ?? []));
        store.state.directory.users.push(...(parsed.data.users ?? []));
        store.changed();
        return json(201, store.directory.snapshot());
      }
    }
    if (path === '/_emulator/access') {
      if (method === 'GET') return json(200, this.targets.access.snapshot());
      if (method === 'PUT') {
        const parsed = this.targets.access.replace(jsonBody(exchange) ?? {});
        return json(200, parsed);
      }
    }
    if (path === '/_emulator/wire-variants') {
      if (method === 'GET') return json(200, this.targets.variants.snapshot());
      if (method === 'PUT') {
        return json(200, this.targets.variants.replace(jsonBody(exchange) ?? {}));
      }
    }
    if (path === '/_emulator/sts' && method === 'GET') {
      const { sts } = this.targets;
      return json(200, {
        roles: sts.roles(),
        oidcProviders: sts.oidcProviders(),
        issued: sts.issued(),
      });
    }
    if (path === '/_emulator/sts/expire' && method === 'POST') {
      return json(200, { expired: this.targets.sts.expireIssued() });
    }
    if (path === '/_emulator/sign-in' && method === 'GET') {
      return json(200, this.targets.signIn());
    }
    const dismiss = /^\/_emulator\/dingtalk\/groups\/([^/]+)\/dismiss$/.exec(path);
    if (dismiss && method === 'POST') {
      const chatId = decodeURIComponent(dismiss[1]);
      return dismissGroupChat({ store }, chatId)
        ? json(200, { chatId, status: 2 })
        : problem(404, `no group chat ${chatId}`);
    }
    return problem(404, `no control endpoint ${method} ${exchange.path}`);
  }
}

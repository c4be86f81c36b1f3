import { z } from 'zod';
import { randomHex } from './ids';
import { API_FAMILIES, type ApiFamily } from './options';

/**
 * Faults injected on command, for testing how clients cope with a misbehaving service.
 * A rule matches by family and/or action and/or path, and applies `times` times (default:
 * until cleared) with a `probability` (default 1). What each kind does to the request it is
 * picked for: fault-response.ts.
 */
export const FAULT_KINDS = [
  'error',
  'delay',
  'reset',
  'ban-page',
  'commit-then-drop',
  'expire-tokens',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultRuleSchema = z
  .object({
    family: z.enum(API_FAMILIES as [ApiFamily, ...ApiFamily[]]).optional(),
    /** RPC action (`CreateChatConfiguration`) or DingTalk path (`robot/plugins/set`). */
    action: z.string().min(1).optional(),
    /** Exact URL path (`/chat/create`). */
    path: z.string().startsWith('/').optional(),
    kind: z.enum(FAULT_KINDS),
    times: z.number().int().positive().optional(),
    probability: z.number().min(0).max(1).optional(),
    /** For `error`: the HTTP status (the DingTalk old API uses 200) and the remote code. */
    status: z.number().int().min(200).max(599).optional(),
    code: z.string().min(1).optional(),
    message: z.string().optional(),
    /** For `error` on the DingTalk old API: the `sub_code` beside errcode 88. */
    subCode: z.string().min(1).optional(),
    /** For `delay`: how long to wait before answering normally. */
    delayMs: z.number().int().min(0).max(600000).optional(),
  })
  .strict()
  .refine((rule) => rule.kind !== 'error' || rule.code !== undefined, {
    message: 'an error fault needs a code',
  })
  .refine((rule) => rule.kind !== 'delay' || rule.delayMs !== undefined, {
    message: 'a delay fault needs delayMs',
  });

export type FaultRuleInput = z.input<typeof faultRuleSchema>;

export interface FaultRule extends FaultRuleInput {
  id: string;
  /** How many times the rule has been applied. */
  applied: number;
}

export interface FaultTarget {
  family?: ApiFamily;
  action: string;
  path: string;
}

export class FaultInjector {
  private rules: FaultRule[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  /** Validates and adds a rule; throws with a readable message when the rule is wrong. */
  add(input: unknown): FaultRule {
    const parsed = faultRuleSchema.safeParse(input);
    if (!parsed.success) {
      throw new Error(
        parsed.error.issues
          .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
          .join('; '),
      );
    }
    const rule: FaultRule = { ...parsed.data, id: `fault-${randomHex(4)}`, applied: 0 };
    this.rules.push(rule);
    return { ...rule };
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  /** The first matching rule that still has uses and wins its dice roll, counted as used. */
  pick(target: FaultTarget): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.family !== undefined && rule.family !== target.family) continue;
      if (rule.action !== undefined && rule.action !== target.action) continue;
      if (rule.path !== undefined && rule.path !== target.path) continue;
      if (rule.times !== undefined && rule.applied >= rule.times) continue;
      if (this.random() >= (rule.probability ?? 1)) continue;
      rule.applied += 1;
      return { ...rule };
    }
    return undefined;
  }
}

/**
 * What DingTalk serves an IP that sent too many calls: not JSON but an HTML page from the
 * anti-abuse layer carrying `status: 1111` and `punish: deny` (docs/wire-facts.md 2d).
 */
export const BAN_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Access denied</title></head>
<body>
<script>
var punishData = {status: 1111, punish: 'deny', message: 'too many requests from your IP'};
</script>
<p>Sorry, your requests are too frequent. Access has been denied for 5 minutes.</p>
</body></html>
`;

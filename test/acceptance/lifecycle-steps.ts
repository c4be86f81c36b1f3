import type { PropertyBag, ReadResponse } from '../../provider/lifecycle/lifecycle';
import { lifecycles } from '../../provider/resources/registry';
import type { Cleanup } from './cleanup';
import type { Session } from './session';

/**
 * What a resource leaves behind after `delete`: OOS and Security Center objects are gone; a
 * robot keeps existing with an empty plugin list; a group chat cannot be dismissed by any
 * API, so under `deletionPolicy: retain` it stays as it is.
 */
export type AfterDelete = 'gone' | 'emptied' | 'retained';

export interface LifecycleScenario {
  /** The type name the provider stubs send (`ChatConfiguration`, ...). */
  type: string;
  create: PropertyBag;
  /** Inputs of the update step; must differ from `create` in an in-place field. */
  update: PropertyBag;
  afterDelete: AfterDelete;
  /** Which property of the read-back must be empty for `emptied`. */
  emptiedField?: string;
}

/**
 * The whole lifecycle in the engine's order: check, create, read, diff (changes), update,
 * read, diff (no change after apply), delete, read. The created id is tracked in `cleanup`
 * from the moment it exists, so a failure in any later step still deletes it.
 */
export async function runLifecycle(
  session: Session,
  scenario: LifecycleScenario,
  cleanup: Cleanup,
): Promise<void> {
  const lifecycle = lifecycles[scenario.type];
  const ctx = session.ctx;
  const check = async (news: PropertyBag, olds: PropertyBag = {}) => {
    const checked = await lifecycle.check(olds, news, ctx);
    expect(checked.failures).toEqual([]);
    return checked.inputs;
  };

  const inputs = await check(scenario.create);
  const created = await lifecycle.create(inputs, ctx);
  const key = `delete ${scenario.type}`;
  cleanup.add(key, () => lifecycle.delete(created.id, created.outs, ctx));

  const first = present(await lifecycle.read(created.id, created.outs, ctx), created.id);
  const news = await check(scenario.update, inputs);
  expect((await lifecycle.diff(created.id, first, news, ctx)).changes).toBe(true);
  const updated = await lifecycle.update(created.id, first, news, ctx);
  const second = present(await lifecycle.read(created.id, updated.outs, ctx), created.id);
  const settled = await lifecycle.diff(created.id, second, news, ctx);
  expect(settled).toEqual(expect.objectContaining({ changes: false, replaces: [] }));

  await lifecycle.delete(created.id, second, ctx);
  cleanup.done(key);
  expectAfterDelete(await lifecycle.read(created.id, second, ctx), scenario);
}

function present(read: ReadResponse, id: string): PropertyBag {
  expect(read.id).toBe(id);
  return read.props ?? {};
}

function expectAfterDelete(read: ReadResponse, scenario: LifecycleScenario): void {
  if (scenario.afterDelete === 'gone') {
    expect(read.id).toBeUndefined();
    return;
  }
  expect(read.id).toBeDefined();
  if (scenario.afterDelete === 'emptied' && scenario.emptiedField) {
    expect(read.props?.[scenario.emptiedField]).toEqual([]);
  }
}

/**
 * "Gone needs proof", met for real: create, delete the object behind Pulumi's back with a raw
 * API call (as someone in the console would), then refresh (read) and destroy (delete). The
 * read must drop the resource and the delete must succeed: whatever code the service answers
 * for the missing object, a complete listing proves it gone. The report keeps every error
 * answer the service gave, so one real run shows the not-found codes and statuses that
 * docs/wire-facts.md can only guess.
 */
export async function runDeletedBehindTheBack(
  session: Session,
  scenario: { type: string; create: PropertyBag },
  removeBehindTheBack: (created: { id: string; outs: PropertyBag }) => Promise<void>,
  cleanup: Cleanup,
): Promise<void> {
  const lifecycle = lifecycles[scenario.type];
  const ctx = session.ctx;
  const checked = await lifecycle.check({}, scenario.create, ctx);
  expect(checked.failures).toEqual([]);
  const created = await lifecycle.create(checked.inputs, ctx);
  const key = `delete ${scenario.type} (behind the back)`;
  cleanup.add(key, () => lifecycle.delete(created.id, created.outs, ctx));

  await removeBehindTheBack(created);
  cleanup.done(key);
  expect(await lifecycle.read(created.id, created.outs, ctx)).toEqual({});
  await expect(lifecycle.delete(created.id, created.outs, ctx)).resolves.toBeUndefined();
}

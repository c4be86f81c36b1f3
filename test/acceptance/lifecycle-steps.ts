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

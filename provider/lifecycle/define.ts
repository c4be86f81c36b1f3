import type { z } from 'zod';
import { checkInputs, type CrossFieldRule } from './check';
import type { LifecycleContext } from './context';
import { diffFields, type DiffSpec } from './diff';
import type { ResourceLifecycle } from './lifecycle';

/** The declarative half of a resource type plus its remote operations. */
export interface LifecycleDefinition {
  /**
   * The input schema (a zod object, one entry per declared input, defaults included). A
   * function of the context because some defaults come from provider config (region).
   */
  schema: (ctx: LifecycleContext) => z.ZodObject;
  /** Rules spanning several fields; they must let unknown values through. */
  crossFieldRules?: CrossFieldRule[];
  /** The declared inputs and how each is compared. */
  diffSpec: DiffSpec;
  create: ResourceLifecycle['create'];
  read: ResourceLifecycle['read'];
  update: ResourceLifecycle['update'];
  delete: ResourceLifecycle['delete'];
}

/**
 * Builds a lifecycle whose `check` and `diff` follow the shared rules (offline, unknown-
 * tolerant, field-wise) from a schema and a diff spec; CRUD comes from the definition.
 */
export function defineLifecycle(definition: LifecycleDefinition): ResourceLifecycle {
  return {
    async check(_olds, news, ctx) {
      return checkInputs(definition.schema(ctx), news, definition.crossFieldRules);
    },
    async diff(_id, olds, news) {
      const { changes, replaces, deleteBeforeReplace } = diffFields(
        definition.diffSpec,
        olds,
        news,
      );
      return { changes, replaces, deleteBeforeReplace };
    },
    create: definition.create,
    read: definition.read,
    update: definition.update,
    delete: definition.delete,
  };
}

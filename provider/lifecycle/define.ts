import type { z } from 'zod';
import { checkInputs, type CrossFieldRule } from './check';
import type { LifecycleContext } from './context';
import {
  checkCredentialSet,
  contextFor,
  CREDENTIAL_SET_RULES,
  credentialSetNameSchema,
  type CredentialSetInput,
  keepName,
} from './credential-set';
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
  /**
   * The input that names the credential set of the resource (`app` or `account`, see
   * credential-set.ts); CRUD then gets a context whose clients use that set.
   */
  credentialSet?: CredentialSetInput;
}

/**
 * Builds a lifecycle whose `check` and `diff` follow the shared rules (offline, unknown-
 * tolerant, field-wise) from a schema and a diff spec; CRUD comes from the definition.
 */
export function defineLifecycle(definition: LifecycleDefinition): ResourceLifecycle {
  const input = definition.credentialSet;
  const lifecycle = input ? withCredentialSet(definition, input) : definition;
  const diffSpec = input
    ? {
        ...definition.diffSpec,
        fields: { ...definition.diffSpec.fields, [input]: CREDENTIAL_SET_RULES[input] },
      }
    : definition.diffSpec;
  return {
    async check(_olds, news, ctx) {
      const base = lifecycle.schema(ctx);
      const schema = input ? base.extend({ [input]: credentialSetNameSchema }) : base;
      const outcome = checkInputs(schema, news, lifecycle.crossFieldRules);
      if (input && outcome.failures.length === 0) {
        outcome.failures.push(...checkCredentialSet(input, outcome.inputs, ctx));
      }
      return outcome;
    },
    async diff(_id, olds, news) {
      const { changes, replaces, deleteBeforeReplace } = diffFields(diffSpec, olds, news);
      return { changes, replaces, deleteBeforeReplace };
    },
    create: lifecycle.create,
    read: lifecycle.read,
    update: lifecycle.update,
    delete: lifecycle.delete,
  };
}

/**
 * CRUD that calls with the credential set the resource names, and keeps the name in the
 * outputs: `read` and `delete` see only outputs.
 */
function withCredentialSet(
  definition: LifecycleDefinition,
  input: CredentialSetInput,
): LifecycleDefinition {
  return {
    ...definition,
    async create(inputs, ctx) {
      const created = await definition.create(inputs, contextFor(input, inputs, ctx));
      return { ...created, outs: keepName(input, inputs, created.outs) };
    },
    async read(id, props, ctx) {
      const read = await definition.read(id, props, contextFor(input, props, ctx));
      if (read.id === undefined) return read;
      return {
        ...read,
        props: read.props && keepName(input, props, read.props),
        inputs: read.inputs && keepName(input, props, read.inputs),
      };
    },
    async update(id, olds, news, ctx) {
      const updated = await definition.update(id, olds, news, contextFor(input, news, ctx));
      return { outs: keepName(input, news, updated.outs) };
    },
    delete: (id, props, ctx) => definition.delete(id, props, contextFor(input, props, ctx)),
  };
}

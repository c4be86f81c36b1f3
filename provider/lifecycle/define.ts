import type { z } from 'zod';
import { checkInputs, type CheckFailure, type CrossFieldRule } from './check';
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
import type { PropertyBag, ResourceLifecycle } from './lifecycle';

/** What a schema's defaults may depend on: the provider settings of the call. */
export interface SchemaDefaults {
  /** `alicloud:region` / `ALIBABA_CLOUD_REGION`, when set. */
  region?: string;
}

/**
 * Outputs as state holds them. State written by an older version of the package may lack a
 * field the current outputs have, so `read`, `update` and `delete` must not rely on any.
 */
export type StoredOutputs<Outputs> = Partial<Outputs>;

export interface TypedCreateResponse<Outputs> {
  id: string;
  outs: Outputs;
}

/** No `id` means the object is gone; `inputs` replaces the stored inputs on refresh. */
export interface TypedReadResponse<Inputs, Outputs> {
  id?: string;
  props?: Outputs;
  inputs?: Inputs;
}

export interface TypedUpdateResponse<Outputs> {
  outs: Outputs;
}

/**
 * The declarative half of a resource type plus its remote operations, typed by its schema:
 * CRUD receives the checked inputs (the schema's output type) and returns typed outputs.
 */
export interface LifecycleDefinition<Schema extends z.ZodObject, Outputs extends PropertyBag> {
  /**
   * The input schema (a zod object, one entry per declared input, defaults included). A
   * function of {@link SchemaDefaults} because some defaults come from provider config.
   */
  schema: (defaults: SchemaDefaults) => Schema;
  /** Rules spanning several fields; they must let unknown values through. */
  crossFieldRules?: CrossFieldRule[];
  /**
   * A resource's own normalisation after the fields and rules passed (for example "the owner
   * counts as a member"). It sees values that may still be unknown and must let them through.
   */
  afterCheck?: (inputs: PropertyBag) => PropertyBag;
  /**
   * Rules on the change from the inputs of the last deployment (`olds`, empty on a create) to
   * the new ones: for changes the remote API cannot make. They see unknown values too.
   */
  changeRules?: ((olds: PropertyBag, news: PropertyBag) => CheckFailure[])[];
  /** The declared inputs and how each is compared. */
  diffSpec: DiffSpec;
  /**
   * The input that names the credential set of the resource (`app` or `account`, see
   * credential-set.ts); CRUD then gets a context whose clients use that set.
   */
  credentialSet?: CredentialSetInput;
  create(inputs: z.output<Schema>, ctx: LifecycleContext): Promise<TypedCreateResponse<Outputs>>;
  read(
    id: string,
    props: StoredOutputs<Outputs>,
    ctx: LifecycleContext,
  ): Promise<TypedReadResponse<z.output<Schema>, Outputs>>;
  update(
    id: string,
    olds: StoredOutputs<Outputs>,
    news: z.output<Schema>,
    ctx: LifecycleContext,
  ): Promise<TypedUpdateResponse<Outputs>>;
  delete(id: string, props: StoredOutputs<Outputs>, ctx: LifecycleContext): Promise<void>;
}

/**
 * Builds a lifecycle whose `check` and `diff` follow the shared rules (offline, unknown-
 * tolerant, field-wise) from a schema and a diff spec; CRUD comes from the definition.
 *
 * This is the one place where the runner's property bags meet the resource's types: the
 * engine calls create and update only with inputs this `check` returned (no unknowns
 * left), and read, update and delete with the outputs a create or update returned.
 */
export function defineLifecycle<Schema extends z.ZodObject, Outputs extends PropertyBag>(
  definition: LifecycleDefinition<Schema, Outputs>,
): ResourceLifecycle {
  type Inputs = z.output<Schema>;
  const asInputs = (bag: PropertyBag) => bag as Inputs;
  const asStored = (bag: PropertyBag) => bag as StoredOutputs<Outputs>;
  const input = definition.credentialSet;
  const diffSpec = input
    ? {
        ...definition.diffSpec,
        fields: { ...definition.diffSpec.fields, [input]: CREDENTIAL_SET_RULES[input] },
      }
    : definition.diffSpec;
  const withSet = (bag: PropertyBag, ctx: LifecycleContext) =>
    input ? contextFor(input, bag, ctx) : ctx;
  const keep = (from: PropertyBag, outs: PropertyBag) =>
    input ? keepName(input, from, outs) : outs;

  return {
    async check(olds, news, ctx) {
      // Read only by schemas that use it: the settings are not resolved for others.
      const defaults: SchemaDefaults = {
        get region() {
          return ctx.settings().region;
        },
      };
      const base = definition.schema(defaults);
      const schema = input ? base.extend({ [input]: credentialSetNameSchema }) : base;
      const outcome = checkInputs(schema, news, definition.crossFieldRules);
      if (input && outcome.failures.length === 0) {
        outcome.failures.push(...checkCredentialSet(input, outcome.inputs, ctx));
      }
      if (outcome.failures.length === 0) {
        for (const rule of definition.changeRules ?? []) {
          outcome.failures.push(...rule(olds, outcome.inputs));
        }
      }
      const afterCheck = definition.afterCheck;
      return afterCheck ? { ...outcome, inputs: afterCheck(outcome.inputs) } : outcome;
    },
    async diff(_id, olds, news) {
      const { changes, replaces, deleteBeforeReplace } = diffFields(diffSpec, olds, news);
      return { changes, replaces, deleteBeforeReplace };
    },
    // CRUD calls with the credential set the resource names, and keeps the name in the
    // outputs: `read` and `delete` see only outputs.
    async create(inputs, ctx) {
      const created = await definition.create(asInputs(inputs), withSet(inputs, ctx));
      return { id: created.id, outs: keep(inputs, created.outs) };
    },
    async read(id, props, ctx) {
      const read = await definition.read(id, asStored(props), withSet(props, ctx));
      if (read.id === undefined) return {};
      return {
        id: read.id,
        ...(read.props ? { props: keep(props, read.props) } : {}),
        ...(read.inputs ? { inputs: keep(props, read.inputs) } : {}),
      };
    },
    async update(id, olds, news, ctx) {
      const updated = await definition.update(
        id,
        asStored(olds),
        asInputs(news),
        withSet(news, ctx),
      );
      return { outs: keep(news, updated.outs) };
    },
    delete: (id, props, ctx) => definition.delete(id, asStored(props), withSet(props, ctx)),
  };
}

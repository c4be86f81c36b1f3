import type { CheckFailure } from './check';
import type { LifecycleContext } from './context';

/** A property bag as the runner passes it: plain JSON, possibly holding the unknown sentinel. */
export type PropertyBag = Record<string, unknown>;

export interface CheckResponse {
  inputs: PropertyBag;
  failures: CheckFailure[];
}

export interface DiffResponse {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface CreateResponse {
  id: string;
  outs: PropertyBag;
}

/** No `id` means the object is gone; `inputs` replaces the stored inputs on refresh. */
export interface ReadResponse {
  id?: string;
  props?: PropertyBag;
  inputs?: PropertyBag;
}

export interface UpdateResponse {
  outs: PropertyBag;
}

/**
 * The implementation of one resource type, called by the provider runtime with the same
 * arguments the Pulumi dynamic provider runner passes (`olds` of `diff`/`update` are the
 * last outputs, `news` the checked inputs) plus a context.
 */
export interface ResourceLifecycle {
  check(olds: PropertyBag, news: PropertyBag, ctx: LifecycleContext): Promise<CheckResponse>;
  diff(
    id: string,
    olds: PropertyBag,
    news: PropertyBag,
    ctx: LifecycleContext,
  ): Promise<DiffResponse>;
  create(inputs: PropertyBag, ctx: LifecycleContext): Promise<CreateResponse>;
  read(id: string, props: PropertyBag, ctx: LifecycleContext): Promise<ReadResponse>;
  update(
    id: string,
    olds: PropertyBag,
    news: PropertyBag,
    ctx: LifecycleContext,
  ): Promise<UpdateResponse>;
  delete(id: string, props: PropertyBag, ctx: LifecycleContext): Promise<void>;
}

export type LifecycleMethod = 'check' | 'diff' | 'create' | 'read' | 'update' | 'delete';

import type { EngineEvent, OpType, StepEventMetadata } from '@pulumi/pulumi/automation';

/** The type tokens of this package's resources all start so. */
const PACKAGE_TYPE_PREFIX = 'pulumi-nodejs:dynamic/chatops:';

/** The engine's steps of one operation, for this package's resources. */
export interface StepLog {
  /** Pass as the operation's `onEvent`. */
  onEvent(event: EngineEvent): void;
  /**
   * The planned (or applied) operation of each resource, by logical name: refresh steps
   * (which only read) are left out, a replacement lists its steps in order.
   */
  opsByName(): Record<string, OpType[]>;
  /** The step metadata as received, refresh steps included. */
  steps(): StepEventMetadata[];
}

/** The resource's logical name: the last part of its URN. */
export function nameOfUrn(urn: string): string {
  return urn.slice(urn.lastIndexOf('::') + 2);
}

/**
 * Collects the engine's per-resource steps from the operation's event stream
 * (`resourcePreEvent`), which says which resources a preview or an update touches and how;
 * the change summary only counts them.
 */
export function stepLog(): StepLog {
  const received: StepEventMetadata[] = [];
  return {
    onEvent(event) {
      const metadata = event.resourcePreEvent?.metadata;
      if (metadata && metadata.type.startsWith(PACKAGE_TYPE_PREFIX)) received.push(metadata);
    },
    opsByName() {
      const ops: Record<string, OpType[]> = {};
      for (const step of received) {
        if (step.op === 'refresh') continue;
        (ops[nameOfUrn(step.urn)] ??= []).push(step.op);
      }
      return ops;
    },
    steps: () => [...received],
  };
}

import type { Clients } from '../../provider/clients';
import { Cleanup } from './cleanup';
import type { Session } from './session';

/** Where a run's fixture comes from: the user's variables, or seeding an emulator. */
export type FixtureSource =
  | { kind: 'environment'; env: NodeJS.ProcessEnv }
  /** `direct` reaches the emulator unrecorded; `like` is the target's original state, to mirror. */
  | { kind: 'emulator'; direct: Clients; like?: unknown };

/**
 * One part of the suite (one resource type). `scenario` returns what it found on the target
 * before changing anything (a robot's plugins, a group's settings), as a shape-only summary
 * that `seed` mirrors in the shadow emulator so both runs take the same path.
 */
export interface PartSpec<Fixture, Original> {
  name: string;
  /** Variables a real run needs; a part missing any is reported as not run. */
  variables: readonly string[];
  fromEnvironment(env: NodeJS.ProcessEnv): Fixture;
  seed(direct: Clients, like: Original | undefined): Promise<Fixture>;
  scenario(session: Session, fixture: Fixture, cleanup: Cleanup): Promise<Original>;
}

export interface Part {
  name: string;
  variables: readonly string[];
  /** Runs the scenario, then undoes whatever is still pending, failure or not. */
  run(session: Session, source: FixtureSource, cleanup: Cleanup): Promise<unknown>;
}

export function definePart<Fixture, Original>(spec: PartSpec<Fixture, Original>): Part {
  return {
    name: spec.name,
    variables: spec.variables,
    async run(session, source, cleanup) {
      const fixture =
        source.kind === 'environment'
          ? spec.fromEnvironment(source.env)
          : await spec.seed(source.direct, source.like as Original | undefined);
      let outcome: { ok: true; original: Original } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, original: await spec.scenario(session, fixture, cleanup) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      const failures = await cleanup.drain();
      const left = failures.length > 0 ? `cleanup failed:\n  ${failures.join('\n  ')}` : '';
      if (!outcome.ok) {
        // The scenario's own failure comes first; a failed cleanup is said beside it.
        if (left) console.error(`${spec.name}: ${left}`);
        throw outcome.error;
      }
      if (left) throw new Error(`${spec.name}: ${left}`);
      return outcome.original;
    },
  };
}

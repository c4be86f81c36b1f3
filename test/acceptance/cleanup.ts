import { redact } from '../../provider/http/redact';

/**
 * What a run must undo: objects it created and settings it changed, undone last-first. A
 * step is removed when it has run (or when the scenario undid it itself), so draining twice
 * (the scenario's `finally`, then `afterAll` after a timeout) never repeats a step.
 */
export class Cleanup {
  private readonly steps = new Map<string, () => Promise<void>>();

  /** Registers an undo step under a key naming what it undoes (no value in it). */
  add(key: string, undo: () => Promise<void>): void {
    this.steps.set(key, undo);
  }

  /** The scenario undid it itself (for example its own delete step succeeded). */
  done(key: string): void {
    this.steps.delete(key);
  }

  /** Runs every step, newest first, even after a failure; returns what failed, redacted. */
  async drain(): Promise<string[]> {
    const failures: string[] = [];
    for (const key of [...this.steps.keys()].reverse()) {
      const undo = this.steps.get(key);
      this.steps.delete(key);
      try {
        await undo?.();
      } catch (error) {
        failures.push(`${key}: ${redact(error instanceof Error ? error.message : String(error))}`);
      }
    }
    return failures;
  }
}

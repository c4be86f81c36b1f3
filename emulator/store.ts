import { Directory, type DirectorySnapshot } from './directory';
import type { ResolvedOptions } from './options';
import { emptyState, type EmulatorState } from './state';
import { loadState, saveState } from './state-file';

/** The JSON of `GET /_emulator/state`. */
export type EmulatorSnapshot = Omit<EmulatorState, 'directory'> & { directory: DirectorySnapshot };

/**
 * The emulator's memory: current state, the directory view over it, and persistence.
 * Handlers mutate `state` and then call `changed()`; with a state file every change is
 * written before the response leaves, so "commit, then drop" faults really commit.
 */
export class Store {
  state: EmulatorState;
  readonly directory: Directory;

  constructor(private readonly options: ResolvedOptions) {
    this.state = options.stateFile ? loadState(options.stateFile) : emptyState();
    this.directory = new Directory(options.directory, () => this.state.directory);
  }

  changed(): void {
    if (this.options.stateFile) saveState(this.options.stateFile, this.state);
  }

  reset(): void {
    this.state = emptyState();
    this.changed();
  }

  /** The JSON of `GET /_emulator/state`: all objects, secrets included, and the directory. */
  snapshot(): EmulatorSnapshot {
    const copy = JSON.parse(JSON.stringify(this.state)) as EmulatorState;
    return { ...copy, directory: this.directory.snapshot() };
  }
}

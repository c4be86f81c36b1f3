import { removeTempDir } from '../../e2e/support/temp-dir';
import { FAULT_KINDS, type Operation } from './fault-catalogue';
import { SCENARIO_TIMEOUT_MS, runFaultScenario } from './fault-scenario';
import {
  WORKSPACE_TIMEOUT_MS,
  createReliabilityWorkspace,
  type ReliabilityWorkspace,
} from './reliability-project';

/**
 * One row of the fault matrix: every fault kind, on the calls that carry `operation`, in all
 * four API families at once, through the real engine (see fault-scenario.ts). Each row is a
 * test file of its own, so that jest runs rows side by side.
 */
export function describeFaultMatrixRow(operation: Operation): void {
  describe(`${operation} under faults`, () => {
    let workspace: ReliabilityWorkspace;

    beforeAll(async () => {
      workspace = await createReliabilityWorkspace(`faults-${operation}`);
    }, WORKSPACE_TIMEOUT_MS);

    afterAll(() => {
      removeTempDir(workspace?.workDir);
    });

    it.each(FAULT_KINDS)(
      '%s: converges to exactly the declared objects',
      (kind) => runFaultScenario(workspace, operation, kind),
      SCENARIO_TIMEOUT_MS,
    );
  });
}

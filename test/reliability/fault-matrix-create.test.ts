import { removeTempDir } from '../e2e/support/temp-dir';
import { FAULT_KINDS } from './support/fault-catalogue';
import { SCENARIO_TIMEOUT_MS, runFaultScenario } from './support/fault-scenario';
import {
  WORKSPACE_TIMEOUT_MS,
  createReliabilityWorkspace,
  type ReliabilityWorkspace,
} from './support/reliability-project';

// The create row of the fault matrix: every fault kind, on the calls that carry a create, in all
// four API families at once, through the real engine (see support/fault-scenario.ts).

describe('create under faults', () => {
  let workspace: ReliabilityWorkspace;

  beforeAll(async () => {
    workspace = await createReliabilityWorkspace('faults-create');
  }, WORKSPACE_TIMEOUT_MS);

  afterAll(() => {
    removeTempDir(workspace?.workDir);
  });

  it.each(FAULT_KINDS)(
    '%s: converges to exactly the declared objects',
    (kind) => runFaultScenario(workspace, 'create', kind),
    SCENARIO_TIMEOUT_MS,
  );
});

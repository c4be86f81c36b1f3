import type { DeclaredObjects } from './declared-program';
import { reliabilityRobot } from './scenario-stack';

/**
 * The four objects of a fault-matrix stack, one per resource type, in two versions: the
 * second changes something in each, so an update makes every resource call its API.
 */
export function matrixObjects(version: 'first' | 'second', prefix: string): DeclaredObjects {
  const second = version === 'second';
  return {
    chatConfigurations: [
      {
        resource: 'ops-bot',
        name: `${prefix}-ops-bot`,
        clientId: 'dingreliabilitybot',
        templateId: second
          ? '5d2e8c1a-7b4f-4e0a-9c3d-2f6b8a1e0d47.schema'
          : '381c5aee-f8af-48a4-94be-1f2b3c4d5e6f.schema',
      },
    ],
    notifications: [
      {
        resource: 'security-alerts',
        name: `${prefix}-security-alerts`,
        // Both a setting (CreateOrUpdateDingTalk) and the status (ModifyDingTalkStatus).
        intervalTime: second ? 300 : 0,
        enabled: !second,
        language: 'en',
        configTypes: ['sas_analysis_online-sas-operation-log-sas-event-suspicious'],
      },
    ],
    robotPlugins: [
      {
        resource: 'bot-entries',
        robotCode: reliabilityRobot(0),
        plugins: [
          { name: 'Runbooks', icon: '@lALPDtXaDkO3j7hgYA', pcUrl: 'https://runbooks.example.com' },
          ...(second ? [{ name: 'On-call', icon: '@lALPDtXaDkO3j7hgYB' }] : []),
        ],
      },
    ],
    groups: [
      {
        resource: 'oncall',
        // At most 20 characters.
        name: second ? `${prefix} ops` : `${prefix} on-call`,
        owner: 'alice',
        members: second ? ['alice', 'bob', 'carol'] : ['alice', 'bob'],
        deletionPolicy: 'removeMembers',
      },
    ],
  };
}

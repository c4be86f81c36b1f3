import type { DeclaredObjects } from './declared-program';
import { reliabilityRobot } from './scenario-stack';

const pad = (n: number) => String(n).padStart(3, '0');

/**
 * A stack of many resources of all four types: `counts` of each, named by index. Robot
 * plugins need one robot each: start the emulator with as many robots.
 */
export function fleetObjects(counts: {
  chatConfigurations?: number;
  notifications?: number;
  robotPlugins?: number;
  groups?: number;
}): DeclaredObjects {
  const range = (n = 0) => Array.from({ length: n }, (_, i) => i);
  return {
    chatConfigurations: range(counts.chatConfigurations).map((i) => ({
      resource: `bot-${pad(i)}`,
      name: `fleet-bot-${pad(i)}`,
      clientId: `dingfleetbot${pad(i)}`,
      templateId: '381c5aee-f8af-48a4-94be-1f2b3c4d5e6f.schema',
    })),
    notifications: range(counts.notifications).map((i) => ({
      resource: `alerts-${pad(i)}`,
      name: `fleet-alerts-${pad(i)}`,
      intervalTime: 0,
      enabled: true,
      language: 'en',
      configTypes: ['sas_analysis_online-sas-operation-log-sas-event-suspicious'],
    })),
    robotPlugins: range(counts.robotPlugins).map((i) => ({
      resource: `entries-${pad(i)}`,
      robotCode: reliabilityRobot(i),
      plugins: [{ name: `Runbook ${i}`, icon: '@lALPDtXaDkO3j7hgYA' }],
    })),
    groups: range(counts.groups).map((i) => ({
      resource: `group-${pad(i)}`,
      name: `fleet group ${pad(i)}`,
      owner: 'alice',
      members: ['alice', 'bob', `user${String(i + 1).padStart(4, '0')}`],
      deletionPolicy: 'retain',
    })),
  };
}

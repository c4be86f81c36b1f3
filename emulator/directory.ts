import type { DirectoryExtension, RobotEntry, UserEntry } from './state';

/**
 * The organisation the emulated DingTalk knows: which robots exist (robot plugins) and
 * which users exist (group chats). Documented in emulator/README.md; options and the
 * control API add entries.
 */
export const DEFAULT_ROBOTS: readonly RobotEntry[] = [
  { robotCode: 'dingrobottest', name: 'Test robot', appKey: 'test' },
  { robotCode: 'dingrobotops', name: 'Ops robot', appKey: 'test' },
  // The robotCode of the vendor's own set-plugins example.
  { robotCode: 'dingncjdnfpkNXXXXX', name: 'Example robot', appKey: 'test' },
  { robotCode: 'dingrobotstopped', name: 'Stopped robot', appKey: 'test', stopped: true },
  { robotCode: 'dingrobotforeign', name: 'Robot of another app', appKey: 'another-app' },
];

export const DEFAULT_USERS: readonly UserEntry[] = [
  // The userids of the vendor's own chat/create example.
  { userId: 'manager4220', name: 'Manager' },
  { userId: 'userid1', name: 'User 1' },
  { userId: 'userid2', name: 'User 2' },
  { userId: 'alice', name: 'Alice' },
  { userId: 'bob', name: 'Bob' },
  { userId: 'carol', name: 'Carol' },
  { userId: 'dave', name: 'Dave' },
  { userId: 'erin', name: 'Erin' },
];

/**
 * Numbered users `user0001` .. `user1100`: enough to fill a group past its documented
 * maximum of 1000 members without listing them all in the state.
 */
export const NUMBERED_USERS = { prefix: 'user', from: 1, to: 1100, digits: 4 } as const;
const NUMBERED_USER = /^user(\d{4})$/;

export interface DirectorySnapshot {
  robots: RobotEntry[];
  users: UserEntry[];
  numberedUsers: { first: string; last: string };
}

export class Directory {
  constructor(
    private readonly fromOptions: DirectoryExtension,
    private readonly fromState: () => DirectoryExtension,
  ) {}

  robot(robotCode: string): RobotEntry | undefined {
    const all = [...this.fromState().robots, ...this.fromOptions.robots, ...DEFAULT_ROBOTS];
    return all.find((r) => r.robotCode === robotCode);
  }

  hasUser(userId: string): boolean {
    const numbered = NUMBERED_USER.exec(userId);
    if (numbered) {
      const n = Number(numbered[1]);
      if (n >= NUMBERED_USERS.from && n <= NUMBERED_USERS.to) return true;
    }
    return this.namedUsers().some((u) => u.userId === userId);
  }

  /** All robots and named users, run-time additions first (they win on a clash). */
  snapshot(): DirectorySnapshot {
    const robots: RobotEntry[] = [];
    for (const r of [...this.fromState().robots, ...this.fromOptions.robots, ...DEFAULT_ROBOTS]) {
      if (!robots.some((known) => known.robotCode === r.robotCode)) robots.push({ ...r });
    }
    const { prefix, from, to, digits } = NUMBERED_USERS;
    return {
      robots,
      users: this.namedUsers().map((u) => ({ ...u })),
      numberedUsers: {
        first: `${prefix}${String(from).padStart(digits, '0')}`,
        last: `${prefix}${String(to).padStart(digits, '0')}`,
      },
    };
  }

  private namedUsers(): UserEntry[] {
    const users: UserEntry[] = [];
    for (const u of [...this.fromState().users, ...this.fromOptions.users, ...DEFAULT_USERS]) {
      if (!users.some((known) => known.userId === u.userId)) users.push(u);
    }
    return users;
  }
}

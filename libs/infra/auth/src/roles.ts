/**
 * Who uses the system, by what they do. A person may hold several roles; a
 * property committee member is bound to the communities of their committee,
 * an officer to their squad.
 */
export const ROLES = ['operator', 'dispatcher', 'officer', 'committee', 'authority', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  operator: '热线话务员',
  dispatcher: '执法调度员',
  officer: '执法队员',
  committee: '物业委员会成员',
  authority: '住房和城乡建设主管部门',
  admin: '系统管理员',
};

/** The person behind a request, as their access token says. */
export interface Principal {
  /** Stable user id (the login name). */
  sub: string;
  /** Display name, recorded in histories and the audit log. */
  name: string;
  roles: Role[];
  /** For committee members: the communities they may see. */
  communities?: string[];
  /** For officers: the squad whose cases they may change. */
  squadId?: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Whether a principal may see a community: anyone whose roles reach beyond a
 * committee sees all; a committee member only their own.
 */
export function maySeeCommunity(p: Principal, communityId: string): boolean {
  if (p.roles.some((r) => r !== 'committee')) return true;
  return (p.communities ?? []).includes(communityId);
}

/** The communities a principal is limited to, or null when not limited. */
export function communityScope(p: Principal): string[] | null {
  return p.roles.some((r) => r !== 'committee') ? null : (p.communities ?? []);
}

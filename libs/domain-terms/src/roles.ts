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

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is signed in: the gateway's login answer, kept for this browser tab only. */
export type Role = 'operator' | 'dispatcher' | 'officer' | 'committee' | 'authority' | 'admin';

export interface SessionUser {
  sub: string;
  name: string;
  roles: Role[];
  communities?: string[];
  squadId?: string;
}

export interface Session {
  accessToken: string;
  expiresAt: number;
  user: SessionUser;
}

const KEY = 'pipeline.console.session';

export const ROLE_LABELS: Record<Role, string> = {
  operator: '热线话务员',
  dispatcher: '执法调度员',
  officer: '执法队员',
  committee: '物业委员会成员',
  authority: '住房和城乡建设主管部门',
  admin: '系统管理员',
};

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

export function hasRole(user: SessionUser | null | undefined, ...roles: Role[]): boolean {
  return !!user && user.roles.some((r) => roles.includes(r));
}

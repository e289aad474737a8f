import type { Role } from '@pipeline/domain-terms';

// The roles themselves are shared with the console; the principal and its scopes are the server's.
export { isRole, ROLE_LABELS, ROLES, type Role } from '@pipeline/domain-terms';

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

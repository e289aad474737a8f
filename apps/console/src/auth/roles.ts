import type { Role } from '@pipeline/domain-terms';
import type { SessionUser } from '../api/session';

/** Whether the signed-in user holds any of the roles (what a page shows or hides). */
export function hasRole(user: SessionUser | null | undefined, ...roles: Role[]): boolean {
  return !!user && user.roles.some((r) => roles.includes(r));
}

import type { Role } from '@pipeline/domain-terms';
import type { SessionUser } from '../api/session';
import { hasRole } from './roles';

const user = (...roles: Role[]) => ({ roles }) as SessionUser;

describe('hasRole', () => {
  it('holds when the user has any of the roles asked for', () => {
    expect(hasRole(user('officer', 'dispatcher'), 'dispatcher')).toBe(true);
    expect(hasRole(user('officer'), 'admin', 'officer')).toBe(true);
  });

  it('does not hold for another role or when nobody is signed in', () => {
    expect(hasRole(user('officer'), 'admin')).toBe(false);
    expect(hasRole(null, 'admin')).toBe(false);
    expect(hasRole(undefined, 'admin')).toBe(false);
  });
});

import { isRole, ROLE_LABELS, ROLES } from './roles';

describe('roles', () => {
  it('accepts the known roles only', () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole('superuser')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });

  it('names every role', () => {
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ROLES].sort());
  });
});

import type { Role } from '@pipeline/auth';

/**
 * One development user per role, with public passwords: seeded only outside
 * production (the gateway refuses AUTH_SEED_DEV_USERS there), so a bureau's
 * installation never has them. The README lists them.
 */
export const DEV_USERS: Array<{ username: string; name: string; roles: Role[]; password: string; communities?: string[]; squadId?: string }> = [
  { username: 'operator', name: '话务员 王芳', roles: ['operator'], password: 'operator-dev-2026' },
  { username: 'dispatcher', name: '调度员 李强', roles: ['dispatcher'], password: 'dispatcher-dev-2026' },
  { username: 'officer', name: '执法队员 张伟', roles: ['officer'], password: 'officer-dev-2026', squadId: 'SQ-SN-01' },
  { username: 'committee', name: '物业委员会 赵敏', roles: ['committee'], password: 'committee-dev-2026', communities: ['CM001', 'CM002'] },
  { username: 'authority', name: '市住建局 陈静', roles: ['authority'], password: 'authority-dev-2026' },
  { username: 'admin', name: '系统管理员', roles: ['admin'], password: 'admin-dev-2026' },
];

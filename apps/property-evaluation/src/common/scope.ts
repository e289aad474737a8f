import { communityScope, maySeeCommunity, type Principal } from '@pipeline/auth';
import { DomainError } from '@pipeline/contracts';

/** The party a property committee member submits for; the others are entered by their own bodies or the authority. */
export const COMMITTEE_PARTY = 'owners_committee';

/** A committee member sees only the communities of their committee. */
export function assertMaySee(user: Principal, communityId: string): void {
  if (!maySeeCommunity(user, communityId)) throw DomainError.forbidden('COMMUNITY_FORBIDDEN', `您只能查看本委员会负责的小区，${communityId} 不在其中`);
}

/** A committee member submits only the committee's own scores. */
export function assertMaySubmit(user: Principal, communityId: string, party: string): void {
  assertMaySee(user, communityId);
  if (communityScope(user) && party !== COMMITTEE_PARTY) throw DomainError.forbidden('PARTY_FORBIDDEN', '物业委员会成员只能提交业主委员会/物业管理委员会的评分');
}

/** Keeps what the user may see of a list of community rows. */
export function visibleTo<T extends { communityId?: string; _id?: string }>(user: Principal, rows: T[]): T[] {
  const scope = communityScope(user);
  return scope ? rows.filter((r) => scope.includes(r.communityId ?? r._id ?? '')) : rows;
}

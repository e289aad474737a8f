import { Injectable } from '@nestjs/common';
import type { Principal } from '@pipeline/auth';
import { AuditTrail } from '@pipeline/service';

/**
 * Who may see a caller unmasked: hotline operators (who call back) and
 * administrators, and only when they ask for it (domain.md §7). Every
 * unmasked view is written to the audit log.
 */
@Injectable()
export class CallerAccessPolicy {
  constructor(private readonly audit: AuditTrail) {}

  mayRevealCaller(user: Principal | undefined, asked: boolean): boolean {
    return asked && !!user && user.roles.some((r) => r === 'operator' || r === 'admin');
  }

  async logRevealed(user: Principal, complaintId: string, path: string): Promise<void> {
    await this.audit.record({ actor: user, action: 'VIEW caller unmasked', path, params: { id: complaintId }, status: 200 });
  }
}

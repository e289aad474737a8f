import { Injectable } from '@nestjs/common';
import type { Request } from 'express';

/**
 * Who may see a caller unmasked. Only hotline operators, callback staff and
 * the assigned handler may (domain.md §7); roles arrive with authentication,
 * so until then nobody does and every view is masked.
 */
@Injectable()
export class CallerAccessPolicy {
  mayRevealCaller(_req: Request): boolean {
    return false;
  }
}

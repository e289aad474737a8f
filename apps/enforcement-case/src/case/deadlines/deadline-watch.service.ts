import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { CaseService } from '../case.service';

/** Deadlines are days long; a scan a minute finds a breach soon enough and costs little. */
export const DEADLINE_SCAN_MS = 60_000;

/** Looks for missed deadlines in the background and has each announced once. */
@Injectable()
export class DeadlineWatchService {
  private readonly logger = new Logger(DeadlineWatchService.name);

  constructor(private readonly cases: CaseService) {}

  @Interval('deadline-watch', DEADLINE_SCAN_MS)
  scan(): void {
    this.cases.reportBreaches().catch((err) => this.logger.warn(`期限检查失败，下次重试：${err}`));
  }
}

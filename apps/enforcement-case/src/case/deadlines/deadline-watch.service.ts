import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CaseService } from '../case.service';

/** Deadlines are days long; a scan a minute finds a breach soon enough and costs little. */
export const DEADLINE_SCAN_MS = 60_000;

/** Looks for missed deadlines in the background and has each announced once. */
@Injectable()
export class DeadlineWatchService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineWatchService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly cases: CaseService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.cases.reportBreaches().catch((err) => this.logger.warn(`期限检查失败，下次重试：${err}`));
    }, DEADLINE_SCAN_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

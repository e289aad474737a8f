import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What libs/infra/mongo's CommandProfile writes per command (the bench may not import service libraries). */
interface CommandTotals {
  calls: number;
  totalMs: number;
  maxMs: number;
}

export interface CommandCost {
  command: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  maxMs: number;
}

/** Per service, the store commands that took the most time, biggest first. */
export type StoreProfile = Record<string, CommandCost[]>;

/**
 * The services' store-command totals (STORE_COMMAND_PROFILE, libs/infra/mongo command-profile.ts):
 * the folder they write to, and a snapshot summed over every instance of a service.
 */
export class StoreProfileFolder {
  readonly folder = mkdtempSync(join(tmpdir(), 'bench-store-profile-'));

  /** Top `limit` commands per service by total time; instances (`<service>-<pid>.json`) add up. */
  snapshot(limit = 6): StoreProfile {
    const byService = new Map<string, Map<string, CommandTotals>>();
    for (const file of existsSync(this.folder) ? readdirSync(this.folder) : []) {
      const service = file.replace(/-\d+\.json$/, '');
      const totals = byService.get(service) ?? new Map<string, CommandTotals>();
      for (const [command, t] of Object.entries(JSON.parse(readFileSync(join(this.folder, file), 'utf8')) as Record<string, CommandTotals>)) {
        const sum = totals.get(command) ?? { calls: 0, totalMs: 0, maxMs: 0 };
        totals.set(command, { calls: sum.calls + t.calls, totalMs: sum.totalMs + t.totalMs, maxMs: Math.max(sum.maxMs, t.maxMs) });
      }
      byService.set(service, totals);
    }
    return Object.fromEntries(
      [...byService].sort(([a], [b]) => a.localeCompare(b)).map(([service, totals]) => [
        service,
        [...totals]
          .map(([command, t]) => ({ command, calls: t.calls, totalMs: Math.round(t.totalMs), meanMs: Math.round((t.totalMs / t.calls) * 10) / 10, maxMs: Math.round(t.maxMs) }))
          .sort((a, b) => b.totalMs - a.totalMs)
          .slice(0, limit),
      ]),
    );
  }

  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}

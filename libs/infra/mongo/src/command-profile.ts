import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Interval } from '@nestjs/schedule';
import type { Connection } from 'mongoose';

/** Calls, total and slowest milliseconds of one kind of store command (command name and collection). */
export interface CommandTotals {
  calls: number;
  totalMs: number;
  maxMs: number;
}

/** Commands that carry no collection (ping, hello…) are keyed by their name alone. */
export function commandKey(commandName: string, command: Record<string, unknown>): string {
  const target = command[commandName];
  return typeof target === 'string' ? `${commandName} ${target}` : commandName;
}

/**
 * Where a service's store time goes, by command and collection, for the benchmark: with
 * STORE_COMMAND_PROFILE set to a folder, the driver's command monitoring is on and the totals are
 * written to `<folder>/<service>-<pid>.json` every few seconds. Off (and free) otherwise: MongoModule
 * provides it (and so schedules its writes) only when the variable is set.
 */
export class CommandProfile {
  private readonly totals = new Map<string, CommandTotals>();
  private readonly started = new Map<number, { key: string; at: number }>();
  private readonly clients = new WeakSet<object>();

  constructor(
    private readonly folder: string,
    private readonly serviceName: string,
  ) {}

  static fromEnv(serviceName: string): CommandProfile | null {
    const folder = process.env.STORE_COMMAND_PROFILE;
    return folder ? new CommandProfile(folder, serviceName) : null;
  }

  attach(connection: Connection): void {
    // the client exists once the connection opens; the watchdog may open a new one later
    connection.on('connected', () => {
      const client = connection.getClient();
      if (this.clients.has(client)) return; // a reconnect of the same client
      this.clients.add(client);
      client.on('commandStarted', (e) => this.started.set(e.requestId, { key: commandKey(e.commandName, e.command), at: performance.now() }));
      client.on('commandSucceeded', (e) => this.finish(e.requestId));
      client.on('commandFailed', (e) => this.finish(e.requestId));
    });
  }

  private finish(requestId: number): void {
    const start = this.started.get(requestId);
    if (!start) return;
    this.started.delete(requestId);
    const ms = performance.now() - start.at;
    const t = this.totals.get(start.key) ?? { calls: 0, totalMs: 0, maxMs: 0 };
    t.calls++;
    t.totalMs += ms;
    t.maxMs = Math.max(t.maxMs, ms);
    this.totals.set(start.key, t);
  }

  @Interval('store-command-profile', 5_000)
  private write(): void {
    writeFileSync(join(this.folder, `${this.serviceName}-${process.pid}.json`), JSON.stringify(Object.fromEntries(this.totals)));
  }
}

import { Inject, Injectable, Logger, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { Db } from 'mongodb';
import type { Migration } from './migration';
import { describeMigrationReport, runMigrations } from './migration-runner';

const MIGRATIONS_SETTINGS = Symbol('MIGRATIONS_SETTINGS');

export interface MigrationsModuleOptions {
  migrations: readonly Migration[];
  /** MIGRATE_ON_START: when false the service expects `npm run migrate` to have run. */
  runOnStart: boolean;
}

/**
 * Runs the service's pending migrations while the application initialises
 * (onModuleInit): before the outbox sweep and the topic set-up
 * (onApplicationBootstrap) and before the consumer starts, so no handler
 * sees a document in its old shape.
 */
@Injectable()
export class StartupMigrations implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Inject(MIGRATIONS_SETTINGS) private readonly settings: MigrationsModuleOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.settings.runOnStart) return;
    // mongoose's bundled driver and ours are the same major; the Db type differs only nominally
    const db = this.connection.db as unknown as Db;
    const report = await runMigrations(db, this.settings.migrations, { log: (line) => this.logger.log(line) });
    this.logger.log(describeMigrationReport(db.databaseName, report));
  }
}

@Module({})
export class MigrationsModule {
  static forRoot(options: MigrationsModuleOptions): DynamicModule {
    return { module: MigrationsModule, providers: [{ provide: MIGRATIONS_SETTINGS, useValue: options }, StartupMigrations] };
  }
}

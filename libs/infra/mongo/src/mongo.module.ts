import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import type { ConnectOptions } from 'mongoose';
import { captureBeforeImages } from './change-capture';
import { CommandProfile } from './command-profile';
import { STORE_CONNECTION, StoreWatchdog, type StoreConnectionSettings } from './store-watchdog';

export interface MongoModuleOptions {
  uri: string;
  dbName: string;
  serviceName: string;
  /** The store watchdog's timing (tests shorten it). */
  watchdog?: { checkEveryMs?: number; stuckAfterMs?: number };
}

function connectOptions(options: MongoModuleOptions): ConnectOptions {
  return {
    dbName: options.dbName,
    appName: options.serviceName,
    autoIndex: true,
    autoCreate: true,
    bufferCommands: false,
    serverSelectionTimeoutMS: 5_000,
    connectTimeoutMS: 5_000,
    socketTimeoutMS: 30_000,
    maxPoolSize: 20,
    retryWrites: false, // FerretDB has no retryable writes; our writes are idempotent instead
    monitorCommands: !!process.env.STORE_COMMAND_PROFILE, // the benchmark's profile (command-profile.ts)
  };
}

/**
 * One connection per service, to the service's own database. Commands are
 * not buffered while disconnected: a request fails fast (and intake answers
 * 503) instead of waiting on a queue that may be lost. Every model records
 * the prior state of documents a person's change touches (change-capture.ts).
 * A watchdog opens the
 * connection again if the driver stays cut off from a store that is back.
 */
@Module({})
export class MongoModule {
  static forRoot(options: MongoModuleOptions): DynamicModule {
    const settings: StoreConnectionSettings = {
      uri: options.uri,
      options: connectOptions(options),
      checkEveryMs: options.watchdog?.checkEveryMs ?? 5_000,
      stuckAfterMs: options.watchdog?.stuckAfterMs ?? 60_000,
    };
    const profile = CommandProfile.fromEnv(options.serviceName);
    return {
      module: MongoModule,
      imports: [
        MongooseModule.forRoot(options.uri, {
          ...connectOptions(options),
          // before any model is compiled on it: the audit log's "before" of every change
          onConnectionCreate: (connection) => {
            connection.plugin(captureBeforeImages);
            profile?.attach(connection);
          },
        }),
      ],
      // the profile is a provider only when on, so that its periodic write is scheduled only then
      providers: [{ provide: STORE_CONNECTION, useValue: settings }, StoreWatchdog, ...(profile ? [{ provide: CommandProfile, useValue: profile }] : [])],
      exports: [MongooseModule, StoreWatchdog],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

export interface MongoModuleOptions {
  uri: string;
  dbName: string;
  serviceName: string;
}

/**
 * One connection per service, to the service's own database. Commands are
 * not buffered while disconnected: a request fails fast (and intake answers
 * 503) instead of waiting on a queue that may be lost.
 */
@Module({})
export class MongoModule {
  static forRoot(options: MongoModuleOptions): DynamicModule {
    return {
      module: MongoModule,
      imports: [
        MongooseModule.forRoot(options.uri, {
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
        }),
      ],
      exports: [MongooseModule],
    };
  }
}

import { Global, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { stopTracing } from './tracing';

@Injectable()
export class TracingShutdown implements OnApplicationShutdown {
  /** Exports the spans still buffered before the process exits (no-op when tracing is off). */
  onApplicationShutdown(): Promise<void> {
    return stopTracing();
  }
}

/** Imported once per app: flushes the spans on shutdown. Tracing itself starts before the app (`startTracing`). */
@Global()
@Module({ providers: [TracingShutdown] })
export class TracingModule {}

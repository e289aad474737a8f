import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { CalendarEnv } from './calendar.env';
import { loadChinaCalendar } from './china-calendar';
import { WorkingCalendar } from './working-calendar';

/**
 * Provides the working-day calendar, built once at start-up from the
 * validated env (the chinese-days years and CALENDAR_DIR). Services take
 * `WorkingCalendar` by constructor; tests hand in their own.
 */
@Global()
@Module({})
export class CalendarModule {
  static forRoot(env: CalendarEnv): DynamicModule {
    return {
      module: CalendarModule,
      providers: [{ provide: WorkingCalendar, useFactory: () => loadChinaCalendar(env.CALENDAR_DIR) }],
      exports: [WorkingCalendar],
    };
  }
}

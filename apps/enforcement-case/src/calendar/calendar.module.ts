import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';

/** The working-day calendar the deadlines are computed with, as loaded (GET /api/v1/calendar). */
@Module({ controllers: [CalendarController] })
export class CalendarApiModule {}

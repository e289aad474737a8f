import type { CalendarDayKind, CalendarEntry, CalendarYearOrigin } from '@pipeline/calendar';

// The working-day calendar as /api/v1/calendar answers it (the class is the view's type).

export class CalendarEntryDto implements CalendarEntry {
  /** Asia/Shanghai date `YYYY-MM-DD`. */
  readonly date!: string;
  readonly kind!: CalendarDayKind;
  /** The festival the day belongs to; for a make-up day, the festival it pays for. */
  readonly name!: string;
}

/** The chinese-days package (kind package: name, version) or a CALENDAR_DIR file (kind file: path). */
export class CalendarYearOriginDto {
  readonly kind!: CalendarYearOrigin['kind'];
  readonly name?: string;
  readonly version?: string;
  readonly path?: string;
}

export class CalendarYearDto {
  readonly year!: number;
  readonly version!: string;
  readonly source!: string;
  /** Where the year came from; null for a calendar handed in by code. */
  readonly origin!: CalendarYearOriginDto | null;
  /** The same, said for people: 「npm 包 chinese-days 1.5.7」 or 「日历目录文件 …/cn-2027.json」. */
  readonly originLabel!: string;
  readonly holidays!: number;
  readonly workdays!: number;
  readonly entries!: CalendarEntryDto[];
}

export class CalendarViewDto {
  /** Years whose State Council notice is loaded; deadlines outside them cannot be computed. */
  readonly years!: CalendarYearDto[];
  /** The current year in Beijing time, and whether it is loaded. */
  readonly currentYear!: number;
  readonly currentYearLoaded!: boolean;
  readonly note!: string;
}

import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { BUREAU_TZ, dayjs } from '../../lib/time';

/** A [from, to] day range in Beijing time; the metric takes calendar days. */
export function usePeriod(monthsBack = 0) {
  const today = dayjs().tz(BUREAU_TZ);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.subtract(monthsBack, 'month').startOf('month'), today.endOf('month')]);
  return { range, setRange, query: { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } };
}

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get } from '../../api/client';
import { queryKeys } from '../../api/query-client';
import type { Period } from '../../api/types';

/** The evaluation quarters, newest first, and the one chosen (the newest by default). */
export function usePeriods() {
  const { data, isFetched } = useQuery({ queryKey: queryKeys.periods, queryFn: () => get<Period[]>('/api/v1/evaluations/periods') });
  const periods = [...(data ?? [])].sort((a, b) => b.period.localeCompare(a.period));
  const [chosen, setPeriod] = useState<string>();
  return { periods, period: chosen ?? periods[0]?.period, setPeriod, loaded: isFetched };
}

export const GRADE_COLOURS: Record<string, string> = { 优秀: 'green', 良好: 'blue', 合格: 'gold', 不合格: 'red', 无法评定: 'default' };
export const CARD_COLOURS: Record<string, string> = { yellow: 'gold', red: 'red', none: 'default' };

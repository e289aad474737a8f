import { useEffect, useState } from 'react';
import { get } from '../../api/client';

export interface Period {
  period: string;
  schemeVersion: number;
  status: string;
  statusLabel: string;
  openedAt: string;
  closedAt: string | null;
}

/** The evaluation quarters, newest first, and the one chosen (the newest by default). */
export function usePeriods() {
  const [periods, setPeriods] = useState<Period[]>([]);
  const [period, setPeriod] = useState<string>();
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    get<Period[]>('/api/v1/evaluations/periods')
      .then((list) => {
        const sorted = [...list].sort((a, b) => b.period.localeCompare(a.period));
        setPeriods(sorted);
        setPeriod((p) => p ?? sorted[0]?.period);
      })
      .catch(() => setPeriods([]))
      .finally(() => setLoaded(true));
  }, []);
  return { periods, period, setPeriod, loaded };
}

export const GRADE_COLOURS: Record<string, string> = { 优秀: 'green', 良好: 'blue', 合格: 'gold', 不合格: 'red', 无法评定: 'default' };
export const CARD_COLOURS: Record<string, string> = { yellow: 'gold', red: 'red', none: 'default' };

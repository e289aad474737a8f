import { get } from '../../api/client';
import type { Squad } from '../../api/types';

let cache: Promise<Squad[]> | null = null;

/** The squads (names and districts) for labels and pickers; reloaded when asked for fresh loads. */
export function loadSquads(fresh = false): Promise<Squad[]> {
  if (fresh || !cache) cache = get<{ items: Squad[] }>('/api/v1/squads').then((r) => r.items);
  cache.catch(() => (cache = null));
  return cache;
}

export function squadLabel(squads: Squad[], id: string | null | undefined): string {
  if (!id) return '未指派';
  return squads.find((s) => s.squadId === id)?.name ?? id;
}

/** A squad's load as a share of its capacity (open cases ÷ capacity), 0–1+. */
export function squadLoad(s: Pick<Squad, 'open' | 'capacity'>): number {
  return s.capacity > 0 ? s.open / s.capacity : 0;
}

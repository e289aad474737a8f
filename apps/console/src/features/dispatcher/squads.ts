import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';
import { queryKeys } from '../../api/query-client';
import type { Squad, SquadList } from '../../api/types';

/** The squads with their loads, for labels, pickers and the load screen (only dispatchers may read them). */
export function useSquads(enabled = true) {
  return useQuery({ queryKey: queryKeys.squads, queryFn: () => get<SquadList>('/api/v1/squads').then((r) => r.items), enabled });
}

export function squadLabel(squads: Squad[], id: string | null | undefined): string {
  if (!id) return '未指派';
  return squads.find((s) => s.squadId === id)?.name ?? id;
}

/** A squad's load as a share of its capacity (open cases ÷ capacity), 0–1+. */
export function squadLoad(s: Pick<Squad, 'open' | 'capacity'>): number {
  return s.capacity > 0 ? s.open / s.capacity : 0;
}

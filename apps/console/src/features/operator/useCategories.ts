import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';
import { queryKeys } from '../../api/query-client';

export interface CategoryOption {
  code: string;
  name: string;
  group: string;
}

/** The 13 complaint categories with their Chinese names, from the public Open311 service list; loaded once per session. */
export function useCategories(): CategoryOption[] {
  const { data } = useQuery({
    queryKey: queryKeys.categories,
    queryFn: () =>
      get<{ service_code: string; service_name: string; group: string }[]>('/open311/v2/services.json').then((list) =>
        list.map((s) => ({ code: s.service_code, name: s.service_name, group: s.group })),
      ),
    staleTime: Infinity,
  });
  return data ?? [];
}

export function categoryName(list: CategoryOption[], code: string | null | undefined): string {
  if (!code) return '—';
  return list.find((c) => c.code === code)?.name ?? code;
}

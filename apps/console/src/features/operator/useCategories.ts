import { useEffect, useState } from 'react';
import { get } from '../../api/client';

export interface CategoryOption {
  code: string;
  name: string;
  group: string;
}

let cache: Promise<CategoryOption[]> | null = null;

/** The 13 complaint categories with their Chinese names, from the public Open311 service list. */
export function loadCategories(): Promise<CategoryOption[]> {
  cache ??= get<{ service_code: string; service_name: string; group: string }[]>('/open311/v2/services.json')
    .then((list) => list.map((s) => ({ code: s.service_code, name: s.service_name, group: s.group })))
    .catch((e: unknown) => {
      cache = null;
      throw e;
    });
  return cache;
}

export function useCategories(): CategoryOption[] {
  const [list, setList] = useState<CategoryOption[]>([]);
  useEffect(() => {
    loadCategories().then(setList, () => setList([]));
  }, []);
  return list;
}

export function categoryName(list: CategoryOption[], code: string | null | undefined): string {
  if (!code) return '—';
  return list.find((c) => c.code === code)?.name ?? code;
}

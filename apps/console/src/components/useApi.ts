import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';

/** Loads data for a screen: loading and error states, and reload after an action. */
export function useApi<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; loading: boolean; error: ApiError | null; reload: () => void } {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    let live = true;
    setLoading(true);
    loader
      .current()
      .then((d) => live && (setData(d), setError(null)))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError(0, null)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, loading, error, reload };
}

import { QueryClient, keepPreviousData } from '@tanstack/react-query';
import type { ApiError } from './client';

declare module '@tanstack/react-query' {
  // every query and mutation goes through api() (client.ts), which only throws ApiError
  interface Register {
    defaultError: ApiError;
  }
}

/**
 * Each screen loads what it shows when it opens, as it always has: no retry
 * (a refused or failed request shows its message at once), no reload on
 * window focus (a half-filled form keeps the data it was opened with), and
 * the last answer stays on screen while a changed filter loads.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, placeholderData: keepPreviousData }, mutations: { retry: false } },
  });
}

/**
 * Query keys by resource, most general first: invalidating a prefix reloads
 * every screen that shows something of it (a case's page and the case list
 * after a transition, for instance).
 */
export const queryKeys = {
  complaints: ['complaints'],
  cases: ['cases'],
  candidates: ['candidates'],
  squads: ['squads'],
  ruleSets: ['rule-sets'],
  users: ['users'],
  audit: ['audit'],
  calendar: ['calendar'],
  metrics: ['metrics'],
  categories: ['categories'],
  schemes: ['evaluations', 'schemes'],
  periods: ['evaluations', 'periods'],
  communities: ['evaluations', 'communities'],
} as const;

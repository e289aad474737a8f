/**
 * Who is signed in: the gateway's login answer, kept for this browser tab only.
 * It lives beside the client, which sends its token and drops it on a 401.
 */
import type { SignedInUser } from './types';

/** What the token carries: the gateway's PrincipalDto. */
export type SessionUser = SignedInUser;

export interface Session {
  accessToken: string;
  expiresAt: number;
  user: SessionUser;
}

const KEY = 'pipeline.console.session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

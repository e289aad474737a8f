import { createContext, useContext } from 'react';
import type { Session } from '../api/session';

export const SessionContext = createContext<{ session: Session | null; signOut: () => void }>({ session: null, signOut: () => undefined });

/** The signed-in user (the console only renders screens inside a session). */
export function useUser() {
  const { session } = useContext(SessionContext);
  if (!session) throw new Error('no session');
  return session.user;
}

import { useEffect, useReducer } from 'preact/hooks';
import type { ChatStore } from '../chat/store';

/** Re-renders the component whenever the store changes. */
export function useStore(store: ChatStore): number {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => store.subscribe(() => bump(undefined)), [store]);
  return store.version;
}

/** The message of an error for people. */
export function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Reconnect delays: exponential from `baseMs` up to `maxMs`, with "equal jitter" (half fixed, half random) so
 * that the clients of a restarted server do not all come back in the same instant.
 */
export function backoffDelay(attempt: number, baseMs = 500, maxMs = 10_000, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

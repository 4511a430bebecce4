export interface BackoffOptions {
  /** Delay cap of the first retry, in ms. */
  baseMs: number;
  /** Upper bound of any delay, in ms. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000 };

/**
 * Exponential backoff with "equal jitter": the cap doubles with each failed attempt (up to
 * maxMs) and the delay is drawn from [cap/2, cap]. The jitter spreads thousands of clients that
 * lost the same server apart; the lower half keeps one client from hammering it.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 0), 30);
  const cap = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  const half = cap / 2;
  return Math.round(half + random() * half);
}

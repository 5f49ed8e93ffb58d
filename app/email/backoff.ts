export interface BackoffOptions {
  /** Delay after the first failed attempt. */
  baseMs: number;
  /** No delay grows beyond this. */
  maxMs: number;
  /** 0.2 spreads each delay ±20% so that many failed messages do not all retry at the same moment. */
  jitter: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 2 * 60_000, maxMs: 2 * 60 * 60_000, jitter: 0.2 };

/** Exponential backoff: base · 2^(attempt−1), capped, with jitter. attempt counts from 1. */
export function retryDelayMs(attempt: number, options: BackoffOptions = defaultBackoff, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const delay = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  const spread = options.jitter > 0 ? 1 + options.jitter * (2 * random() - 1) : 1;
  return Math.max(0, Math.round(delay * spread));
}

import { json } from "@remix-run/node";

const RETRY_AFTER = "Retry-After";

/**
 * A fixed-window counter per key, in memory: enough for one server process.
 * Guards resume codes and logins against guessing.
 */
export interface RateLimiter {
  /** Counts one attempt; says whether it is allowed and, if not, in how many seconds it will be. */
  hit(key: string, now?: number): { allowed: boolean; retryAfterSeconds: number };
  reset(key: string): void;
}

export function createRateLimiter({
  limit,
  windowMs,
  maxKeys = 50_000,
}: {
  limit: number;
  windowMs: number;
  maxKeys?: number;
}): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, now = Date.now()) {
      let window = windows.get(key);
      if (!window || now - window.start >= windowMs) {
        if (windows.size >= maxKeys) {
          // Forget expired windows first; if none, the oldest. Memory stays bounded under a flood.
          for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
          if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
        }
        window = { start: now, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      const allowed = window.count <= limit;
      return { allowed, retryAfterSeconds: allowed ? 0 : Math.ceil((window.start + windowMs - now) / 1000) };
    },
    reset(key) {
      windows.delete(key);
    },
  };
}

/** The answer to a refused attempt: a 429 that says when to come back. Every limit in the app answers through here. */
export function tooManyRequests<Data>(data: Data, verdict: { retryAfterSeconds: number }) {
  return json(data, { status: 429, headers: { [RETRY_AFTER]: String(verdict.retryAfterSeconds) } });
}

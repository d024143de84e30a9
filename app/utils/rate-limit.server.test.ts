import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit.server";

describe("createRateLimiter", () => {
  it("allows up to the limit per window and per key, then says when to retry", () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 });
    expect(limiter.hit("a", 0).allowed).toBe(true);
    expect(limiter.hit("a", 1_000).allowed).toBe(true);
    expect(limiter.hit("a", 2_000)).toEqual({ allowed: false, retryAfterSeconds: 58 });
    expect(limiter.hit("b", 2_000).allowed).toBe(true);
    expect(limiter.hit("a", 60_000).allowed).toBe(true);
  });

  it("keeps its memory bounded", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 3 });
    for (const key of ["a", "b", "c", "d"]) limiter.hit(key, 0);
    // "a" was forgotten to make room, so it starts afresh.
    expect(limiter.hit("a", 1).allowed).toBe(true);
    expect(limiter.hit("d", 1).allowed).toBe(false);
  });
});

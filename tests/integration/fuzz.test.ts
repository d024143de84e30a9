import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { checkCase, publicCase } from "../fuzz/public-actions";
import { loadApp } from "../support/app";

let app: Awaited<ReturnType<typeof loadApp>>;
beforeAll(async () => {
  app = await loadApp({ ENABLE_DEMO: "1" });
});

describe("every public action, sent malformed submissions", () => {
  it("answers with a 4xx and a message, never a 5xx, and stores nothing when it refuses", async () => {
    await fc.assert(
      fc.asyncProperty(publicCase, async (c) => {
        const problem = await checkCase(app.handle, app.databasePath, app.nextAddress(), c);
        expect(problem).toBeNull();
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  }, 120_000);
});

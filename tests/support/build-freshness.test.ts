import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILD_OUTPUTS, staleBuildReason } from "./build-freshness";
import { tempDir } from "./test-env";

// Modification times are set, not waited for: sources now, the build a little later, changes later still.
const now = Date.now() / 1000;
const BUILT = now + 100;
const LATER = now + 200;

/** A project folder with one source file and, unless told otherwise, every build output. */
function project(outputs = BUILD_OUTPUTS): string {
  const root = tempDir("consulta-build-");
  write(root, "app/routes/page.tsx", "export default 1;");
  for (const output of outputs) write(root, output, "built", BUILT);
  return root;
}

function write(root: string, file: string, text: string, mtime = now) {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  fs.utimesSync(full, mtime, mtime);
}

describe("whether tests must build the app first", () => {
  it("no, when the build is newer than everything it is made from", () => {
    expect(staleBuildReason(project())).toBeNull();
  });

  it("yes, when the build or a part of it is missing", () => {
    expect(staleBuildReason(project([]))).toBe("build/index.js is missing");
    expect(staleBuildReason(project(["build/index.js"]))).toMatch(/is missing/);
  });

  it("yes, when a file of the app, its wording, its migrations or a build script changed after the build", () => {
    const changes = {
      "app/routes/page.tsx": "app",
      "locales/en/common.json": "locales",
      "db/migrations/new.ts": "db",
      "server.mjs": "server.mjs",
      "scripts/build-worker.mjs": "scripts/build-worker.mjs",
    };
    for (const [file, input] of Object.entries(changes)) {
      const root = project();
      write(root, file, "changed", LATER);
      expect(staleBuildReason(root)).toBe(`${input} changed since the last build`);
    }
  });

  it("yes, when a file of the app was deleted after the build (its folder changed)", () => {
    const root = project();
    fs.rmSync(path.join(root, "app/routes/page.tsx"));
    fs.utimesSync(path.join(root, "app/routes"), LATER, LATER);
    expect(staleBuildReason(root)).toBe("app changed since the last build");
  });

  it("no, when only a test changed: tests are not part of the build", () => {
    const root = project();
    write(root, "app/routes/page.test.tsx", "test", LATER);
    expect(staleBuildReason(root)).toBeNull();
  });
});

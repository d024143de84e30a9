// Bundles the export worker (app/export/export-worker.server.ts) for Node: the app's own code is
// bundled (esbuild follows tsconfig's "~/" paths), packages stay in node_modules as for build/index.js.
import { build } from "esbuild";

await build({
  entryPoints: { "export-worker": "app/export/export-worker.server.ts" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: ["node20"],
  packages: "external",
  outdir: "build",
  logLevel: "warning",
});

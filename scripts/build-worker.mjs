// Bundles the export worker (app/export/export-worker.server.ts) for Node into one file, packages
// included: a worker starts for each download, and resolving hundreds of package files at each
// start cost about half a second before the first byte. better-sqlite3 loads a native addon, so it stays
// in node_modules. esbuild follows tsconfig's "~/" paths.
import { build } from "esbuild";

await build({
  entryPoints: { "export-worker": "app/export/export-worker.server.ts" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: ["node20"],
  // pg-native is an optional addon of pg that the app does not use.
  external: ["better-sqlite3", "pg-native"],
  // CommonJS packages in the bundle still call require() for Node's own modules.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
  outdir: "build",
  logLevel: "warning",
});

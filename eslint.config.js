// ESLint flat config. Why these tools and rules: docs/decisions/010-lint-and-format.md.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(["build/", "public/build/", "bench/results/", "data/", ".cache/", "test-results/"]),
  js.configs.recommended,
  {
    // Type-aware rules (floating and misused promises above all) on the TypeScript that tsc checks.
    files: ["**/*.{ts,tsx}"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Remix loaders and actions stop by throwing a Response (redirect, 403, 404): control flow, not an error.
      "@typescript-eslint/only-throw-error": [
        "error",
        {
          allow: [
            { from: "lib", name: "Response" },
            { from: "package", package: "@remix-run/server-runtime", name: "TypedResponse" },
          ],
        },
      ],
      // `const { omitted: _, ...rest } = value` is how the code drops a key.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
      // The `!` on record and list lookups marks a key the definition checker guarantees. Without
      // noUncheckedIndexedAccess TypeScript already assumes it, so this rule calls each of them redundant.
      "@typescript-eslint/no-unnecessary-type-assertion": "off",
      // `async` is part of a contract here even without an `await`: Remix loaders, Kysely's migration
      // provider, async generators that stand for a stream. Forgotten awaits are caught by no-floating-promises.
      "@typescript-eslint/require-await": "off",
      // Each String(x) it flagged converts a value whose type a discriminant fixes (an answer, by question
      // type) or a form entry. Objects in template literals are still caught by restrict-template-expressions.
      "@typescript-eslint/no-base-to-string": "off",
    },
  },
  {
    // Kysely's documented migration signature: a migration is frozen and must not depend on today's schema type.
    files: ["db/migrations/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Plain JavaScript here is Node code (server, build scripts, configs), which tsc does not check.
    files: ["**/*.{js,mjs}"],
    extends: [tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    // React's own rules for JSX; the automatic runtime needs no React in scope, and TypeScript checks props.
    files: ["**/*.tsx"],
    extends: [react.configs.flat.recommended, react.configs.flat["jsx-runtime"]],
    settings: { react: { version: "18.3" } },
    rules: { "react/prop-types": "off" },
  },
  reactHooks.configs.flat.recommended,
  { files: ["**/*.tsx"], extends: [jsxA11y.flatConfigs.recommended] },
);

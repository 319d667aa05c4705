// ESLint, run by `make lint` (and by tests/test_project_files.py): ESLint's recommended
// rules for every script of the project, pinned with the linter in package.json.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    // Only the project's own: builds, caches and installed packages are not.
    ignores: ["_build/**", "build/**", ".cache/**", ".venv*/**", "node_modules/**"],
  },
  js.configs.recommended,
  {
    // The website's scripts: classic scripts (not modules) that run in the browser.
    files: ["edition/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: globals.browser,
    },
  },
  {
    // Sphinx's search (searchtools.js), which the search summaries change.
    files: ["edition/output/website-static/edition-search.js"],
    languageOptions: { globals: { Search: "readonly" } },
  },
  {
    // The browser tests and the README's screenshots: Node modules driving Chromium
    // (the functions they hand to page.evaluate() run in the page).
    files: ["tests/**/*.mjs", "scripts/**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
  },
];

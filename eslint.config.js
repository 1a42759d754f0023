import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * Layering, a small version of VS Code's layers rule (STYLE.md). ESLint replaces a rule's options rather than
 * merging them when several blocks match a file, so each folder below lists every restriction that applies to it,
 * built from these pieces, and the more specific folders come later.
 */

/** A restriction: exact module names, gitignore-style groups and regular expressions, all with one message. */
function forbid(message, { names = [], groups = [], regexes = [] }) {
  return {
    paths: names.map((name) => ({ name, message })),
    patterns: [
      ...(groups.length > 0 ? [{ group: groups, message }] : []),
      ...regexes.map((regex) => ({ regex, message })),
    ],
  };
}

const ELECTRON = forbid('Only src/main/electron and src/preload may import electron.', {
  names: ['electron'],
  groups: ['electron/*'],
});
const LOWDB = forbid(
  'Only src/main/core/library touches the library files (atomic writes, validation, quarantine).',
  { names: ['lowdb', 'steno'], groups: ['lowdb/*', 'steno/*'] },
);
const TIPTAP = forbid('Only src/renderer/src/features/memo imports Tiptap.', { groups: ['@tiptap/*'] });
const REACT = forbid('React belongs to the renderer only.', {
  names: ['react', 'react-dom'],
  groups: ['react/*', 'react-dom/*'],
});
const NODE_BUILTINS = forbid(
  'The renderer also runs in a plain browser (web shell): ask the core through the contract instead.',
  { names: builtinModules, regexes: ['^node:'] },
);
const SANDBOXED_NODE_BUILTINS = forbid(
  'A sandboxed preload cannot require Node builtins; do the work in the main process.',
  { names: builtinModules, regexes: ['^node:'] },
);
const MAIN_FROM_RENDERER = forbid(
  'The renderer never reaches into src/main: go through src/shared/api.ts and the bridge.',
  { regexes: ['^(\\.\\./)+main(/|$)'] },
);
const MAIN_FROM_PRELOAD = forbid(
  'The preload exposes only the contract (src/shared); the work stays in the main process.',
  { regexes: ['^(\\.\\./)+main(/|$)'] },
);
const SHELLS_FROM_CORE = forbid(
  'The core never knows which shell called it: shells import the core, not the other way.',
  { regexes: ['^(\\.\\./)+(electron|web|cli|renderer|preload)(/|$)'] },
);
const ONLY_ZOD_AND_TIPTAP_CORE = forbid(
  'src/shared/tiptap holds the memo schema shared by editor and report: it imports only @tiptap/core and src/shared.',
  { regexes: ['^(?!zod(/|$)|@tiptap/core$|\\.{1,2}/)', '^(\\.\\./)+(main|renderer|preload)(/|$)'] },
);
const ONLY_ZOD = forbid(
  'src/shared is pure TypeScript shared by every runtime: it imports only zod and its own files.',
  { regexes: ['^(?!zod(/|$)|\\.{1,2}/)', '^(\\.\\./)+(main|renderer|preload)(/|$)'] },
);

/** One `no-restricted-imports` setting from several restriction pieces. */
function restrict(...pieces) {
  return [
    'error',
    { paths: pieces.flatMap((piece) => piece.paths), patterns: pieces.flatMap((piece) => piece.patterns) },
  ];
}

const RENDERER = 'src/renderer/**';
const MEMO = 'src/renderer/src/features/memo/**';

export default defineConfig(
  globalIgnores([
    'out/',
    'dist/',
    'node_modules/',
    'coverage/',
    'test-results/',
    'playwright-report/',
    '.scratch/',
  ]),

  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        // Finds the nearest tsconfig.json for each file, as the editor does.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Numbers in messages are common and unambiguous; objects, nullish values and unions still are not allowed.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Every switch over a union (error codes, block kinds, channels) must handle each member.
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // An underscore marks a parameter a callback signature forces on us.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // House style (STYLE.md): `type` everywhere; `interface` only where declaration merging needs it.
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      // Diagnostics go through warn/error; stray console.log is debugging left behind.
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // Outside the two Electron folders, see the per-folder blocks below for the rest of the layering.
      'no-restricted-imports': restrict(ELECTRON, LOWDB, TIPTAP),
    },
  },

  {
    // tsconfig.json covers the Node side only; the renderer has its own (DOM, bundler resolution), which the
    // project service cannot find because it looks only for files named tsconfig.json.
    files: [`${RENDERER}/*.{ts,tsx}`],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: false, project: './tsconfig.web.json' },
    },
  },
  {
    // No tsconfig includes plain JavaScript (eslint.config.js, bin/), so type-aware rules cannot run on it.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },

  {
    files: [`${RENDERER}/*.{ts,tsx}`],
    extends: [reactHooks.configs.flat.recommended],
  },

  { files: ['src/shared/**'], rules: { 'no-restricted-imports': restrict(ONLY_ZOD) } },
  {
    // The memo's Tiptap schema, shared by the editor and the report so that both read one memo format.
    files: ['src/shared/tiptap/**'],
    rules: { 'no-restricted-imports': restrict(ONLY_ZOD_AND_TIPTAP_CORE) },
  },
  {
    files: ['src/main/core/**'],
    rules: { 'no-restricted-imports': restrict(ELECTRON, REACT, TIPTAP, LOWDB, SHELLS_FROM_CORE) },
  },
  {
    files: ['src/main/core/library/**'],
    rules: { 'no-restricted-imports': restrict(ELECTRON, REACT, TIPTAP, SHELLS_FROM_CORE) },
  },
  {
    // The report turns the memo's Tiptap JSON into Markdown with @tiptap/markdown, which runs in plain Node (issue 4).
    files: ['src/main/core/report/**'],
    rules: { 'no-restricted-imports': restrict(ELECTRON, REACT, LOWDB, SHELLS_FROM_CORE) },
  },
  { files: ['src/main/electron/**'], rules: { 'no-restricted-imports': restrict(REACT, TIPTAP, LOWDB) } },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': restrict(REACT, TIPTAP, LOWDB, SANDBOXED_NODE_BUILTINS, MAIN_FROM_PRELOAD),
    },
  },
  {
    files: [RENDERER],
    rules: { 'no-restricted-imports': restrict(ELECTRON, NODE_BUILTINS, MAIN_FROM_RENDERER, LOWDB, TIPTAP) },
  },
  {
    // The window's scripts load without zod (src/shared/vocabulary.ts says why): they may import the schema
    // modules for their types only. The export dialog, loaded when first opened, checks remembered options.
    files: [`${RENDERER}/*.{ts,tsx}`],
    ignores: ['src/renderer/src/features/export/**', 'src/renderer/src/testing/**', '**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^zod$|/shared/(api|article|memo|errors)\\.ts$',
              allowTypeImports: true,
              message:
                'Import only types from the schema modules here: values the window needs live in src/shared/vocabulary.ts, so that zod stays out of its start-up script.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [MEMO],
    rules: { 'no-restricted-imports': restrict(ELECTRON, NODE_BUILTINS, MAIN_FROM_RENDERER, LOWDB) },
  },

  {
    // Declaration files exist to augment globals such as Window, which only an interface can do.
    files: ['**/*.d.ts'],
    rules: { '@typescript-eslint/consistent-type-definitions': 'off' },
  },
  {
    // Command-line tools talk to the user on stdout.
    files: ['src/main/cli/**', 'scripts/**', 'bin/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'tests/**'],
    rules: {
      // A test that just asserted a value exists may then use it without another check.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);

// ESLint flat config: typescript-eslint's recommended rules, syntax only. Type-aware linting would cost far
// more than the ~7 s this takes on two cores, and `tsc --noEmit` in `npm run lint` already checks types.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Node's globals for the few plain JavaScript files (jest.config.js, .dependency-cruiser.cjs);
// TypeScript files get theirs from @types/node (typescript-eslint turns no-undef off for them).
const nodeGlobals = { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', __filename: 'readonly', console: 'readonly' };

export default defineConfig(
  { ignores: ['dist/', 'build/', 'dist-tools/', '.bench-builds/', 'node_modules/', 'coverage/', 'clients/typescript/schema.d.ts', '.data/', 'test/artifacts/', 'bench/results/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: nodeGlobals },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The application logs through pino; only the entry point may write to the terminal (fatal start-up errors).
    files: ['src/**/*.ts'],
    ignores: ['src/serve.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // Use cases take of the framework only Nest's DI decorators (docs/architecture.md); dependency-cruiser checks
    // which packages a layer imports, this which names.
    files: ['src/application/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              allowImportNames: ['Injectable', 'Inject', 'Optional'],
              message: "The application layer takes only Nest's DI decorators from @nestjs/common: an HTTP error is the error mapping's (src/infrastructure/http).",
            },
          ],
        },
      ],
    },
  },
  {
    // No global pipe validates requests: a body or query is validated where it is declared, by the Body and Query of
    // modules/shared/validated-input.ts, and a path id by PathId. Nest's own would hand a handler the input unchecked.
    files: ['src/modules/**/*.ts'],
    ignores: ['src/modules/shared/validated-input.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: ['Body', 'Query'],
              message: 'Take Body and Query from modules/shared/validated-input.ts: they validate the DTO (no global pipe does).',
            },
            {
              name: '@nestjs/common',
              importNames: ['Param'],
              message: 'Path ids are UUIDs: take them with PathId (modules/shared/path-id.decorator.ts), which checks and documents them.',
            },
            {
              name: 'class-validator',
              importNames: ['MaxLength', 'Length'],
              message: 'Bound a string with MaxCharacters (modules/shared/max-characters.decorator.ts): it counts characters as PostgreSQL and JSON Schema do.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read loosely typed JSON bodies.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // CommonJS config files; tests, scripts and benchmarks `require()` the built app from dist/ at run time
    // (typed through `import type` from src/), because only `nest build` emits the metadata Nest's DI reads.
    files: ['**/*.js', '**/*.cjs', 'test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

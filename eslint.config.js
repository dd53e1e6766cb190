// @ts-check
import js from '@eslint/js';
import jsdoc from 'eslint-plugin-jsdoc';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { purity } from './scripts/eslint-purity.js';

/**
 * Restricts a source folder's imports to the index of the folders below it.
 *
 * @param {string} files - The folder glob.
 * @param {string[]} allowed - Folders it may import from, through their index.ts.
 */
function layer(files, allowed) {
  return {
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*.js', '../*/*', ...allowed.map((folder) => `!../${folder}/index.js`)],
              message: `${files} may import only from ${allowed.join(', ') || 'nothing outside itself'}, through index.ts`,
            },
          ],
        },
      ],
    },
  };
}

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      '.tmp/**',
      'docs/playground/dist/**',
      'docs/api/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.config.ts', 'scripts/*.js', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-exports': [
        'error',
        {
          restrictDefaultExports: {
            direct: true,
            named: true,
            defaultFrom: true,
            namedFrom: true,
            namespaceFrom: true,
          },
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: purity,
  },
  {
    files: ['src/**/*.ts'],
    plugins: { jsdoc },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'jsdoc/require-jsdoc': [
        'error',
        {
          publicOnly: true,
          require: { FunctionDeclaration: true, ClassDeclaration: true },
          contexts: [
            'TSInterfaceDeclaration',
            'TSTypeAliasDeclaration',
            'ExportNamedDeclaration > VariableDeclaration',
          ],
        },
      ],
      'jsdoc/require-param': [
        'error',
        {
          contexts: ['ExportNamedDeclaration > FunctionDeclaration'],
          checkDestructured: false,
          exemptedBy: ['internal'],
        },
      ],
      'jsdoc/check-param-names': 'error',
      'jsdoc/require-returns': ['error', { publicOnly: true, exemptedBy: ['internal'] }],
      'jsdoc/require-example': [
        'error',
        { contexts: ['ExportNamedDeclaration > FunctionDeclaration'], exemptedBy: ['internal'] },
      ],
      'jsdoc/check-tag-names': [
        'error',
        { definedTags: ['remarks', 'defaultValue', 'internal', 'typeParam'] },
      ],
    },
  },
  // Layers (docs/architecture.md): imports point one way, across folders only through index.ts.
  layer('src/errors/**', []),
  layer('src/internal/**', ['errors']),
  layer('src/calendar/**', ['errors', 'internal']),
  layer('src/conditions/**', ['errors', 'internal']),
  layer('src/policy/**', ['errors', 'internal', 'calendar', 'conditions']),
  layer('src/ticket/**', ['errors', 'internal']),
  layer('src/severity/**', ['errors', 'internal', 'conditions', 'policy', 'ticket']),
  layer('src/routing/**', ['errors', 'internal', 'calendar', 'conditions', 'policy']),
  layer('src/sla/**', ['errors', 'internal', 'calendar', 'policy', 'ticket']),
  layer('src/redaction/**', ['errors', 'internal']),
  layer('src/simulate/**', ['errors', 'internal', 'calendar', 'policy', 'engine']),
  layer('src/diff/**', ['errors', 'internal', 'policy', 'engine']),
  layer('src/metrics/**', ['errors', 'internal', 'calendar', 'policy', 'engine']),
  layer('src/correlate/**', ['errors', 'internal', 'calendar', 'conditions', 'policy', 'engine']),
  layer('src/engine/**', [
    'errors',
    'internal',
    'calendar',
    'conditions',
    'policy',
    'ticket',
    'severity',
    'routing',
    'sla',
    'redaction',
  ]),
  {
    files: ['src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*/*', '!../index.js'], message: 'testing/ uses the public API only' }] },
      ],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    files: ['*.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-exports': 'off' },
  },
);

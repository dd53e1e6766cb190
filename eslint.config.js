// @ts-check
import js from '@eslint/js';
import jsdoc from 'eslint-plugin-jsdoc';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { purity } from './scripts/eslint-purity.js';

export default defineConfig(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'docs/playground/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.config.ts', 'scripts/*.js'] },
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
  {
    files: ['*.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-exports': 'off' },
  },
);

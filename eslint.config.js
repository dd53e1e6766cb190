// @ts-check
import js from '@eslint/js';
import jsdoc from 'eslint-plugin-jsdoc';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Purity bans for the core: `now` is an argument, nothing random, no environment, no output. */
const purity = {
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'the core never reads the clock: take `now` as an argument',
    },
    {
      selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
      message: 'the core never reads the clock: take `now` as an argument',
    },
    {
      selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
      message: 'the core is deterministic: no randomness',
    },
    {
      selector: "MemberExpression[object.name='process'][property.name='env']",
      message: 'the core never reads the environment',
    },
    {
      selector: "MemberExpression[object.name='performance'][property.name='now']",
      message: 'the core never reads the clock',
    },
    {
      selector:
        "CallExpression[callee.property.name='resolvedOptions'][callee.object.type='NewExpression'][callee.object.arguments.length=0]",
      message: 'the core never reads the host time zone or locale',
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'console', message: 'a library returns issues; only the CLI prints' },
    { name: 'setTimeout', message: 'the core has no timers: report nextEvaluationAt' },
    { name: 'setInterval', message: 'the core has no timers: report nextEvaluationAt' },
    { name: 'fetch', message: 'the core does no I/O' },
    { name: 'process', message: 'the core never reads the environment' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'the core never reads the clock' },
    { object: 'Math', property: 'random', message: 'the core is deterministic' },
    { object: 'console', message: 'a library returns issues; only the CLI prints' },
  ],
};

export default defineConfig(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'docs/playground/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.config.ts'] },
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

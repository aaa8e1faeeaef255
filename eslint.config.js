// ESLint for the front end (frontend/) and the end-to-end tests (tests/e2e/).
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const repoRoot = dirname(fileURLToPath(import.meta.url));
const srcDir = resolve(repoRoot, 'frontend', 'src');

/** Where a file sits in the layers of frontend/src (bulletproof-react): shared -> features -> app. */
function layerOf(file) {
  const rel = relative(srcDir, file);
  if (rel.startsWith('..') || rel === '') return null;
  const [top, second] = rel.split(sep);
  if (top === 'features') return { layer: 'features', feature: second };
  if (top === 'app') return { layer: 'app' };
  if (top === 'components' || top === 'lib' || top === 'gql' || top === 'test') return { layer: 'shared' };
  return { layer: 'entry' };
}

// Import boundaries: a feature imports no other feature and not the app shell; shared code
// (components, lib, gql) imports no feature and not the app shell. Checked on resolved paths.
const boundaries = {
  meta: { name: 'iacs-boundaries' },
  rules: {
    imports: {
      meta: {
        type: 'problem',
        schema: [],
        messages: {
          crossFeature: 'Feature "{{from}}" may not import feature "{{to}}": move the shared part to components/ or lib/.',
          featureToApp: 'A feature may not import the app shell (app/).',
          sharedUpward: 'Shared code (components/, lib/) may not import {{what}}.',
        },
      },
      create(context) {
        const from = layerOf(context.filename);
        if (from === null) return {};
        function check(sourceNode) {
          const source = sourceNode?.value;
          if (typeof source !== 'string' || !(source.startsWith('.') || source.startsWith('@/'))) return;
          // `@/x` is frontend/src/x (the alias of tsconfig.json and vite.config.ts)
          const to = layerOf(source.startsWith('@/') ? resolve(srcDir, source.slice(2)) : resolve(dirname(context.filename), source));
          if (to === null) return;
          if (from.layer === 'features' && to.layer === 'features' && to.feature !== from.feature) {
            context.report({ node: sourceNode, messageId: 'crossFeature', data: { from: from.feature, to: to.feature } });
          } else if (from.layer === 'features' && to.layer === 'app') {
            context.report({ node: sourceNode, messageId: 'featureToApp' });
          } else if (from.layer === 'shared' && (to.layer === 'features' || to.layer === 'app')) {
            context.report({ node: sourceNode, messageId: 'sharedUpward', data: { what: to.layer === 'app' ? 'the app shell' : 'a feature' } });
          }
        }
        return {
          ImportDeclaration: (node) => check(node.source),
          ExportNamedDeclaration: (node) => check(node.source),
          ExportAllDeclaration: (node) => check(node.source),
          ImportExpression: (node) => check(node.source),
        };
      },
    },
  },
};

export default defineConfig(
  globalIgnores([
    'frontend/dist/',
    'frontend/src/gql/',
    'test-results/',
    'playwright-report/',
    'backend/',
    'tests/**/*.py',
    '.venv/',
  ]),
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['frontend/**/*.{ts,tsx}', 'tests/e2e/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: repoRoot },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Playwright reads a fixture's dependencies from its first parameter: `async ({}, use)` is its idiom.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['frontend/src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    languageOptions: { globals: globals.browser },
    plugins: { boundaries, 'import-x': importX },
    settings: {
      // import-x follows only the files of these extensions, parsed as TypeScript.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // Resolves `@/` through frontend/tsconfig.json's paths, and .ts/.tsx as TypeScript does.
      'import-x/resolver-next': [
        createNodeResolver({
          tsconfig: { configFile: resolve(repoRoot, 'frontend', 'tsconfig.json') },
          extensions: ['.ts', '.tsx', '.js', '.json'],
        }),
      ],
    },
    rules: {
      'boundaries/imports': 'error',
      // No module imports itself through others (type-only imports aside: they are gone at run time).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@cmsgov/design-system/web-components', message: 'Use the React components (named imports).' }],
          patterns: [{ group: ['@cmsgov/design-system/dist/*'], message: 'Import from @cmsgov/design-system.' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          // Named imports tree-shake; `import *` pulls in the whole design system (~136 KB gzip).
          selector: "ImportDeclaration[source.value='@cmsgov/design-system'] > :matches(ImportNamespaceSpecifier, ImportDefaultSpecifier)",
          message: 'Use named imports from @cmsgov/design-system.',
        },
      ],
    },
  },
);

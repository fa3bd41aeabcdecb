import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { readdirSync } from 'node:fs';

/**
 * Boundaries (docs/feature-modules.md): a library is used only through its public entry, the
 * `#<lib>` alias of its src/index.ts; domain rules import no persistence and no framework. The
 * libraries are read from libs/, so a new one is covered without an edit here.
 */
const LIBS = readdirSync(new URL('./libs/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const PUBLIC_ENTRY = 'Import another library only through its public entry (#core, #realtime, #panic, ...).';
/** Relative paths into another library's src/ or through libs/, and subpaths of an alias. */
const OUTSIDE_PUBLIC_ENTRY = [
  { regex: '^\\.{1,2}/(.*/)?src(/|$)', message: PUBLIC_ENTRY },
  { regex: '^\\.{1,2}/(.*/)?libs/', message: PUBLIC_ENTRY },
  { regex: '^#[^/]+/', message: PUBLIC_ENTRY },
];
const DOMAIN_IS_PURE = [
  { regex: '(^|/)persistence(/|$)', message: 'Domain rules take plain values: no persistence import.' },
  {
    regex: '^(@nestjs/|typeorm$|typeorm/|pg$)',
    message: 'Domain rules are plain TypeScript: no Nest, TypeORM or pg.',
  },
];
/** Which aliases a library may import besides the rules above: the contract stands alone, the core and the SDK build on it only. */
const ALLOWED_ALIASES = {
  contract: [],
  core: ['contract'],
  client: ['contract'],
  realtime: ['core', 'contract'],
};
const restrict = (patterns) => ['error', { patterns }];
const aliasesOtherThan = (allowed) => ({
  regex: allowed.length ? `^#(?!(${allowed.join('|')})$)` : '^#',
  message: allowed.length
    ? `Of the other libraries this one imports only ${allowed.map((a) => `#${a}`).join(', ')}.`
    : 'This library imports no other library.',
});
const libraryBoundaries = LIBS.flatMap((lib) => {
  const own = {
    regex: `^#${lib}$`,
    message: `Inside libs/${lib} import its own files by relative path, not through #${lib} (a cycle).`,
  };
  const layering = ALLOWED_ALIASES[lib] ? [aliasesOtherThan(ALLOWED_ALIASES[lib])] : [];
  const base = [...OUTSIDE_PUBLIC_ENTRY, own, ...layering];
  return [
    { files: [`libs/${lib}/**/*.ts`], rules: { 'no-restricted-imports': restrict(base) } },
    // A later block replaces a rule's options instead of adding to them: domain files repeat the base.
    {
      files: [`libs/${lib}/**/domain/**/*.ts`],
      rules: { 'no-restricted-imports': restrict([...base, ...DOMAIN_IS_PURE]) },
    },
  ];
});

export default tseslint.config(
  {
    ignores: [
      '**/*.mjs',
      'dist/**',
      'libs/*/dist/**',
      'node_modules/**',
      'coverage/**',
      'bench/results/**',
      '*.config.js',
      'eslint.config.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
      // TypeORM's query<T = any>() reads better with a cast on the awaited rows than with type arguments.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  ...libraryBoundaries,
  {
    files: ['apps/api/**/*.ts', 'apps/simulator/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(OUTSIDE_PUBLIC_ENTRY) },
  },
  {
    // The browser bundle reaches the SDK (which re-exports the contract) through #client only.
    files: ['apps/console/**/*.ts', 'apps/console/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrict([
        { regex: '^\\.{1,2}/(.*/)?libs/', message: 'The console uses only the SDK, as #client.' },
        { regex: '^#(?!client$)', message: 'The console uses only the SDK, as #client.' },
      ]),
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts', 'apps/simulator/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);

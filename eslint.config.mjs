import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * Project boundaries (see ../shared/DESIGN.md): every project carries one scope:* and one type:* tag.
 * A scope may use itself and scope:shared; scope:shared is plain TypeScript (no Nest, no Angular).
 * Types form a DAG: app/e2e -> feature -> data-access/ui -> util -> types.
 */
const scopeConstraints = ['api', 'web', 'cli', 'sandbox'].map((scope) => ({
  sourceTag: `scope:${scope}`,
  onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
}));

// Apps and features may use everything below them.
const featureLevel = ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:types'];

const typeConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: featureLevel },
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:types'],
  },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: featureLevel },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:types'],
  },
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util', 'type:types'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:types'] },
  { sourceTag: 'type:types', onlyDependOnLibsWithTags: ['type:types'] },
  // The SPA's feature libraries are lazy routes that never load one another: a feature uses
  // only data-access, ui, util and types (the API's features still compose, through Nest modules).
  {
    allSourceTags: ['scope:web', 'type:feature'],
    onlyDependOnLibsWithTags: ['type:data-access', 'type:ui', 'type:util', 'type:types'],
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/out-tsc',
      '**/.angular',
      '**/.data',
      '**/test-output',
      '**/vite.config.*.timestamp*',
      '**/jest.config.cts',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: [],
          depConstraints: [
            ...scopeConstraints,
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: ['@nestjs/*', '@angular/*', 'express', 'rxjs'],
            },
            ...typeConstraints,
          ],
        },
      ],
    },
  },
  {
    // A library's only door is its src/index.ts (STYLE.md rule 1): no path below an alias.
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@launchpad/*/**'],
              message:
                "Import the library through its alias only (its src/index.ts), e.g. '@launchpad/api-database'.",
            },
          ],
        },
      ],
    },
  },
  {
    // Type-aware rules: an unawaited promise is a bug we want at lint time (STYLE.md rule 9).
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // A spec asserts what it reads; a `!` after an expectation is clearer than another guard.
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
];

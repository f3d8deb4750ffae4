// Lint with type information (typescript-eslint). `npm test` runs it (test/unit/lint.test.ts);
// `npx eslint .` shows the same report.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'test-results/', '.cdk.staging/', 'eslint.config.js', '.dependency-cruiser.cjs', 'test/fixtures/', 'functions/templates/pdf/fonts/*.generated.ts', 'functions/api-console/assets/'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Every promise is awaited, returned or explicitly voided; none is passed where a callback returns nothing.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A switch over a union (statuses, decisions, link states) names every member.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // zod's `z` is a namespace object: imported by name, esbuild keeps all of it, 40 locales included
      // (about 350 KB in every bundle). `import * as z from 'zod'` lets it drop what is unused.
      'no-restricted-syntax': ['error', { selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']", message: "Use `import * as z from 'zod'`: a named `z` brings every zod locale into the bundle." }],
    },
  },
);

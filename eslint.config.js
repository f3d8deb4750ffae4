// Lint with type information (typescript-eslint). `npm test` runs it (test/unit/lint.test.ts);
// `npx eslint .` shows the same report.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'test-results/', '.cdk.staging/', 'eslint.config.js', '.dependency-cruiser.cjs', 'test/fixtures/', 'functions/templates/pdf/fonts/*.generated.ts', 'functions/api-console/assets/*.generated.ts'] },
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
    },
  },
);

/**
 * The layers of functions/ and the directions imports may take (docs/architecture.md explains
 * them). `npm test` runs this through test/unit/layers.test.ts; `npx depcruise -c
 * .dependency-cruiser.cjs functions infra` shows the same report.
 *
 *   step folders (handler → use case)
 *        ↓            ↓             ↓
 *   application → adapters → runtime (errors, env, observability, http, step handler)
 *        ↓            ↓
 *     templates  →  domain   (pure: no AWS, no I/O)
 *                     ↑
 *   contract (the OpenAPI document from the catalog and the domain's schemas; step folders import it)
 */
const STEP_FOLDERS = '^functions/(?!domain/|adapters/|application/|runtime/|templates/|contract/|catalog\\.ts)[^/]+/';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain imports only the domain, zod, date-holidays and node: built-ins: no AWS SDK, adapter, template, runtime or application.',
      severity: 'error',
      from: { path: '^functions/domain/' },
      to: { pathNot: ['^functions/domain/', '^node_modules/(zod|date-holidays)/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'templates-render-only',
      comment: 'Templates import the domain, other templates and node: built-ins; PDF templates may add pdf-lib, its font engine and the bundled font.',
      severity: 'error',
      from: { path: '^functions/templates/' },
      to: {
        pathNot: ['^functions/domain/', '^functions/templates/', '^node_modules/pdf-lib/', '\\.ttf$'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'contract-describes-only',
      comment: 'The OpenAPI document is built from the catalog, the domain\'s schemas, zod and zod-openapi alone: no handler, adapter, runtime or template, so describing the API runs nothing.',
      severity: 'error',
      from: { path: '^functions/contract/' },
      to: { pathNot: ['^functions/contract/', '^functions/domain/', '^functions/catalog\\.ts$', '^node_modules/(zod|zod-openapi)/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'adapters-know-no-use-case',
      comment: 'Adapters (DynamoDB, SES, SFN, Secrets Manager) import no use case, step folder or application helper.',
      severity: 'error',
      from: { path: '^functions/adapters/' },
      to: { path: ['^functions/application/', STEP_FOLDERS, '^functions/templates/'] },
    },
    {
      name: 'runtime-is-low-level',
      comment: 'runtime/ (errors, env, observability, http, step handler) imports no adapter, application helper or step folder.',
      severity: 'error',
      from: { path: '^functions/runtime/' },
      to: { path: ['^functions/adapters/', '^functions/application/', STEP_FOLDERS] },
    },
    {
      name: 'application-serves-steps',
      comment: 'Application helpers are shared by use cases; they import no step folder.',
      severity: 'error',
      from: { path: '^functions/application/' },
      to: { path: STEP_FOLDERS },
    },
    {
      name: 'steps-stand-alone',
      comment: 'A step folder imports no other step folder: what two use cases share lives in application/.',
      severity: 'error',
      from: { path: '^functions/((?!domain/|adapters/|application/|runtime/|templates/|contract/)[^/]+)/' },
      to: { path: STEP_FOLDERS, pathNot: ['^functions/$1/'] },
    },
    {
      name: 'functions-never-import-infra',
      comment: 'Lambda code never imports the CDK app or the local twin.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^infra/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles anywhere.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules', '^cdk\\.out'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

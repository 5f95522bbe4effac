/**
 * The dependency rule of ARCHITECTURE.md, as dependency-cruiser checks it (`npm run check:architecture`).
 * Every import counts: static, dynamic `import()`, `require`, and type-only imports.
 * Read top to bottom, this is the architecture's summary.
 */
const SRC = '^src/';
const DOMAIN = '^src/domain/';
const APPLICATION = '^src/application/';
const ADAPTERS = '^src/adapters/';
const HTTP_SUPPORT = '^src/adapters/http-support/';
const PROVIDER_SUPPORT = '^src/adapters/provider-support/';
const SHARED_ADAPTER_SUPPORT = '^src/adapters/(http-support|provider-support)/';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain imports only itself: no package, no node: module, no other layer.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { pathNot: DOMAIN },
    },
    {
      name: 'application-sees-only-the-domain',
      comment: 'Use cases and ports depend on the domain and on each other, never on an adapter, an entrypoint or a package.',
      severity: 'error',
      from: { path: APPLICATION },
      to: { pathNot: [DOMAIN, APPLICATION] },
    },
    {
      name: 'adapters-never-import-each-other',
      comment: 'An adapter folder imports only itself, the application, the domain and the shared adapter support.',
      severity: 'error',
      from: { path: '^src/adapters/([^/]+)/' },
      to: { path: ADAPTERS, pathNot: ['^src/adapters/$1/', SHARED_ADAPTER_SUPPORT] },
    },
    {
      name: 'adapters-never-import-entrypoints',
      severity: 'error',
      from: { path: ADAPTERS },
      to: { path: '^src/entrypoints/' },
    },
    {
      name: 'adapter-support-is-a-plain-library',
      comment: 'Shared HTTP support implements no port: only the domain, node: modules and undici.',
      severity: 'error',
      from: { path: HTTP_SUPPORT },
      to: {
        pathNot: [DOMAIN, HTTP_SUPPORT, '^node_modules/undici/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'provider-support-is-a-plain-library',
      comment: 'Shared provider support (settings every provider has) implements no port: only the domain, the HTTP support and zod.',
      severity: 'error',
      from: { path: PROVIDER_SUPPORT },
      to: { pathNot: [DOMAIN, SHARED_ADAPTER_SUPPORT, 'node_modules/zod/'] },
    },
    {
      name: 'lambda-functions-stay-lean',
      comment: 'A Lambda function never reaches the Express server, the long-running processes or the CLI.',
      severity: 'error',
      from: { path: '^src/entrypoints/lambda/' },
      to: { path: ['^src/entrypoints/(http|console|server|worker|background|cli)/', '^node_modules/(express|commander)/'] },
    },
    {
      name: 'cli-is-not-the-http-server',
      severity: 'error',
      from: { path: '^src/entrypoints/cli/' },
      to: { path: ['^src/entrypoints/(http|console|server|lambda)/', '^node_modules/express/'] },
    },
    {
      name: 'http-is-not-the-cli',
      severity: 'error',
      from: { path: '^src/entrypoints/(http|server)/' },
      to: { path: '^src/entrypoints/(cli|lambda)/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: { path: SRC },
      to: { circular: true },
    },
  ],
  options: {
    // TypeScript 7 has no compiler API yet; swc parses the sources.
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|test|bench|scripts)/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};

// The layering rules of ARCHITECTURE.md, checked by `npm test` (scripts/boundaries/check.mjs) and by
// `npx depcruise apps packages`. Change a rule only in the same commit as ARCHITECTURE.md.
const server = '^apps/server/src';
/** Repositories every module may use: the audit trail, in-app notifications and the email outbox. */
const SHARED_REPOSITORY_MODULES = ['audit', 'notifications', 'email'];
/** Web features every feature may use, besides components/ and lib/: the session and its roles. */
const SHARED_WEB_FEATURES = ['auth'];
const IO_AND_FRAMEWORKS = [
  `${server}/(db|http|jobs)/`,
  '(^|/)node_modules/(kysely|fastify|@fastify/[^/]+|fastify-[^/]+|pg|pg-boss|pg-copy-streams|nodemailer|ssh2|ssh2-sftp-client)/',
  '^(fs|fs/promises|net|http|https|child_process|dgram|tls)$',
];

export default {
  forbidden: [
    {
      name: 'integrations-never-import-modules',
      comment: 'An integration speaks one outside system; the modules use it, never the reverse.',
      severity: 'error',
      from: { path: `${server}/integrations/` },
      to: { path: `${server}/modules/` },
    },
    {
      name: 'domain-and-formats-are-pure',
      comment: '*.domain.ts and packages/formats hold rules and file formats: no database, HTTP, jobs, Kysely, Fastify or IO.',
      severity: 'error',
      from: { path: ['\\.domain\\.ts$', '^packages/formats/'] },
      to: { path: IO_AND_FRAMEWORKS, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-and-formats-are-pure-types',
      comment: 'Not even the types of the database, HTTP or jobs layers: a rule takes plain values.',
      severity: 'error',
      from: { path: ['\\.domain\\.ts$', '^packages/formats/'] },
      to: { path: `${server}/(db|http|jobs)/` },
    },
    {
      name: 'no-other-modules-repository',
      comment: `A module reaches another module through its service; only these repositories are shared: ${SHARED_REPOSITORY_MODULES.join(', ')}.`,
      severity: 'error',
      from: { path: `${server}/modules/([^/]+)/` },
      to: {
        path: `${server}/modules/[^/]+/[^/]+\\.repository\\.ts$`,
        pathNot: [`${server}/modules/$1/`, `${server}/modules/(${SHARED_REPOSITORY_MODULES.join('|')})/`],
      },
    },
    {
      name: 'only-routes-import-http',
      comment: 'Services, repositories and domain code are transport-neutral: errors carry a kind and a code (lib/app-error.ts).',
      severity: 'error',
      from: { path: [`${server}/modules/`, `${server}/integrations/`, `${server}/jobs/`, `${server}/lib/`, `${server}/db/`], pathNot: '\\.routes\\.ts$' },
      to: { path: `${server}/http/` },
    },
    {
      name: 'http-never-imports-modules',
      comment: 'The HTTP plumbing knows the principal type, nothing else of a module; app.ts and routes wire the rest.',
      severity: 'error',
      from: { path: `${server}/http/` },
      to: { path: `${server}/modules/`, pathNot: `${server}/modules/auth/principal\\.ts$` },
    },
    {
      name: 'web-never-imports-server',
      comment: 'The browser bundle shares only @rentledger/contracts with the server.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: ['^apps/server/', '^packages/(?!contracts/)'] },
    },
    {
      name: 'web-features-stay-apart',
      comment: `A web feature uses components/, lib/ and the shared features (${SHARED_WEB_FEATURES.join(', ')}); pages in app/ compose features.`,
      severity: 'error',
      from: { path: '^apps/web/src/features/([^/]+)/' },
      to: { path: '^apps/web/src/features/', pathNot: [`^apps/web/src/features/$1/`, `^apps/web/src/features/(${SHARED_WEB_FEATURES.join('|')})/`] },
    },
    {
      name: 'packages-never-import-apps',
      comment: 'Contracts and formats are libraries: the apps depend on them.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'formats-stay-small',
      comment: 'A file format depends on nothing but its own package, zod and the Node standard library for buffers and text.',
      severity: 'error',
      from: { path: '^packages/formats/' },
      to: { path: '^(apps|packages/(?!formats/))' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^apps/[^/]+/dist/' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'] },
  },
};

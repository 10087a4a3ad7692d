/**
 * Dependencies point down: core imports no feature, and no module imports
 * itself round a circle. `npm test` runs this (scripts/lint.ts).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Features use each other through a public module or an event, never in a circle.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-no-feature',
      severity: 'error',
      comment: 'The shared core serves every feature and knows none of them.',
      from: { path: '^src/core/' },
      to: { path: '^src/(features|app\\.ts|server\\.ts|cli\\.ts|schema\\.ts)' },
    },
    {
      name: 'features-do-not-import-the-app',
      severity: 'error',
      from: { path: '^src/features/' },
      to: { path: '^src/(app|server|cli)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^node_modules|\\.test\\.ts$)' },
  },
};

/**
 * dependency-cruiser configuration for `nx run <app>:folder-cycles`, which
 * `lint` depends on: no folder of an app may reach back to a folder that
 * reaches it (arrows one way: triage → case → dispatch, and so on).
 * Type-only imports count: a cycle through types still ties two rooms together.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycle',
      comment: 'Folders inside an app depend on each other one way only: move the shared piece down, or ask through a service of the lower folder.',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    includeOnly: '(^|/)apps/[^/]+/src/',
    exclude: { path: '\\.(spec|int-spec|e2e-spec)\\.tsx?$' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};

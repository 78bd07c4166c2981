// Import boundaries: the layering table of docs/architecture.md, checked by `npm run lint:imports`.
// Each folder lists what it may import; anything else of ours is forbidden. Packages are free except
// where a rule names them. Tests and bench may import anything and are not cruised.
//
//   folder         may import (besides itself)
//   src/theme      nothing of ours
//   src/core       theme                               no maplibre-gl, preact, zustand, idb, comlink, terra-draw
//   src/data       core, theme
//   src/contract   core, data; worker for types only
//   src/worker     core, data, contract, theme
//   src/state      core, data, contract, theme; worker for types only
//   src/map        core, data, state, contract, theme
//   src/ui         core, data, state, contract, theme  no maplibre-gl, terra-draw
//   scripts        src/core, src/data, src/contract
//   src/main.tsx   anything
//
// With these, folders cannot import each other in a circle; the only edges back up the table are
// type-only (contract and state → worker), which vanish at compile time.

/** Everything of ours that a module may not import unless a rule allows it. */
const OURS = '^(src|scripts)/';

/** A rule forbidding `folder` to import any of our modules outside `allowed` (paths from the root). */
function onlyImports(name, folder, allowed, comment) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: `^${folder}/` },
    to: { path: OURS, pathNot: [`^${folder}/`, ...allowed.map((path) => `^${path}(/|$)`)] },
  };
}

/** A rule allowing `folder` type-only imports from `target` (import type …), nothing at run time. */
function typesOnlyFrom(name, folder, target, comment) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: `^${folder}/` },
    to: { path: `^${target}/`, dependencyTypesNot: ['type-only'] },
  };
}

/** A rule forbidding `folder` to import the npm packages listed. */
function noPackages(name, folder, packages, comment) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: `^${folder}/` },
    to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], path: `node_modules/(${packages.join('|')})/` },
  };
}

module.exports = {
  forbidden: [
    onlyImports('theme-imports-nothing', 'src/theme', [], 'src/theme is the bottom layer: colours, type sizes and spacing, nothing else of ours.'),
    onlyImports('core-imports-theme-only', 'src/core', ['src/theme'], 'src/core is pure logic: it may use the theme and nothing else of ours.'),
    noPackages(
      'core-no-frameworks',
      'src/core',
      ['maplibre-gl', 'preact', 'zustand', 'idb', 'comlink', 'terra-draw[^/]*'],
      'src/core runs in Node, the worker and the page alike: no map, UI, store, storage or worker framework.',
    ),
    onlyImports('data-imports-core', 'src/data', ['src/core', 'src/theme'], 'src/data parses and validates with core: no state, map, UI or worker.'),
    onlyImports(
      'contract-imports-core-data',
      'src/contract',
      ['src/core', 'src/data', 'src/worker'],
      'The worker contract is types over core and data (and the worker implementation, for types only).',
    ),
    typesOnlyFrom(
      'contract-types-from-worker',
      'src/contract',
      'src/worker',
      'The contract derives its types from the worker (`typeof api`) but runs none of it.',
    ),
    onlyImports(
      'worker-imports-below-it',
      'src/worker',
      ['src/core', 'src/data', 'src/contract', 'src/theme'],
      'The worker never reaches into the page: no state, map or UI.',
    ),
    onlyImports(
      'state-imports-below-it',
      'src/state',
      ['src/core', 'src/data', 'src/contract', 'src/theme', 'src/worker'],
      'The store uses core, data, the worker contract and the theme; the worker only for types.',
    ),
    typesOnlyFrom(
      'state-types-from-worker',
      'src/state',
      'src/worker',
      'The store talks to the worker through the contract; it may name the worker’s types only.',
    ),
    onlyImports(
      'map-imports-below-it',
      'src/map',
      ['src/core', 'src/data', 'src/state', 'src/contract', 'src/theme'],
      'The map applies state; it never imports the UI.',
    ),
    onlyImports(
      'ui-imports-below-it',
      'src/ui',
      ['src/core', 'src/data', 'src/state', 'src/contract', 'src/theme'],
      'The UI reads state and calls actions; it never imports the map.',
    ),
    noPackages('ui-no-map-libraries', 'src/ui', ['maplibre-gl', 'terra-draw[^/]*'], 'Only src/map owns MapLibre and terra-draw.'),
    onlyImports(
      'scripts-import-core-data-contract',
      'scripts',
      ['src/core', 'src/data', 'src/contract'],
      'Node scripts share the pure layers with the app, never the page or the worker.',
    ),
    {
      name: 'src-folder-in-table',
      comment: 'A new folder under src/ gets its row in this file (and in docs/architecture.md) before code imports it.',
      severity: 'error',
      from: {},
      to: { path: '^src/', pathNot: '^src/((theme|core|data|contract|worker|state|map|ui)/|main\\.tsx$|[^/]+\\.css$|[^/]+\\.d\\.ts$)' },
    },
    {
      name: 'no-circular',
      comment: 'Modules import each other in one direction; a cycle through run-time imports is a knot to untie.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(tests|bench|dist|public)/' },
    // Keep `import type` edges, marked type-only, so the type-only rules can tell them apart.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};

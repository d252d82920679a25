/**
 * The layering rule of ARCHITECTURE.md, checked in `npm test` (`npm run check:layers`):
 *
 *   tools/  ->  bot/  ->  dialogs/  ->  handoff/  ->  core/
 *
 * Each layer imports only the layers to its right. A new upward import fails with the rule's name and
 * the file that broke it; move the shared piece down instead (see ARCHITECTURE.md).
 */
const LAYERS = ['tools', 'bot', 'dialogs', 'handoff', 'core'];

const upward = LAYERS.map((layer, index) => ({
  name: `${layer}-imports-only-below`,
  comment: `${layer}/ may import only ${LAYERS.slice(index + 1).join(', ') || 'nothing of ours'}/: an import upwards turns the layers into a tangle`,
  severity: 'error',
  from: { path: `^${layer}/` },
  to: {
    path: `^(${
      LAYERS.slice(0, index + 1)
        .filter((above) => above !== layer)
        .join('|') || '$^'
    })/`,
  },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-cycles',
      comment: 'modules that import each other cannot be understood, tested or moved one at a time',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { pathNot: '^tools/bench/' } },
    },
    {
      name: 'no-production-import-of-tests',
      comment: 'code must not depend on test helpers or fixtures',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'prom-client-only-in-bot',
      comment: 'metrics stay at the edge: dialogs/, handoff/ and core/ tell an injected observer, bot/operations/prometheus-metrics.ts counts',
      severity: 'error',
      from: { path: '^(dialogs|handoff|core)/' },
      to: { path: '^node_modules/prom-client/' },
    },
    {
      name: 'data-folders-hold-no-code',
      comment: "intents/, messages/, lexicons/, hours/ and demo/ are editors' data: code lives in the layers",
      severity: 'error',
      from: { path: '^(intents|messages|lexicons|hours|demo)/.+\\.(ts|js)$' },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};

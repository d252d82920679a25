import type { BenchResults } from './bench-results.js';

const ROW = 22;
const LABEL_WIDTH = 300;
const BAR_WIDTH = 300;
const GAP = 60;
const COLOURS = { accuracy: '#2b6cb0', recall: '#dd6b20', train: '#4a5568' };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A self-contained SVG: per engine and scheme, in-scope accuracy and out-of-scope recall (0-100 %)
 * on the left, training time on the right (scaled to the slowest engine).
 */
export function renderResultsChart(results: BenchResults): string {
  const engines = results.engines;
  const label = (engine: (typeof engines)[number]) => `${engine.engine}${engine.primary ? '' : ` (${engine.confidence})`}, ${engine.scheme}`;
  const top = 50;
  const height = top + engines.length * ROW * 2 + 40;
  const width = LABEL_WIDTH + BAR_WIDTH * 2 + GAP + 80;
  const slowest = Math.max(1, ...engines.map((engine) => engine.trainMs));
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="100%" height="100%" fill="white"/>`);
  parts.push(
    `<text x="10" y="20" font-size="14" font-weight="bold">${escape(`${results.dataset.name}: in-scope accuracy, out-of-scope recall and training time`)}</text>`,
  );
  const left = LABEL_WIDTH;
  const right = LABEL_WIDTH + BAR_WIDTH + GAP;
  parts.push(legend(left, 38, COLOURS.accuracy, 'in-scope accuracy %'), legend(left + 150, 38, COLOURS.recall, 'out-of-scope recall %'));
  parts.push(legend(right, 38, COLOURS.train, `training time (slowest ${(slowest / 1000).toFixed(0)} s)`));
  engines.forEach((engine, i) => {
    const y = top + i * ROW * 2;
    parts.push(`<text x="${LABEL_WIDTH - 8}" y="${y + ROW}" text-anchor="end">${escape(label(engine))}</text>`);
    parts.push(bar(left, y + 2, (engine.inScopeAccuracy / 100) * BAR_WIDTH, COLOURS.accuracy, `${engine.inScopeAccuracy.toFixed(1)} %`));
    parts.push(
      bar(left, y + ROW, ((engine.oosRecall ?? 0) / 100) * BAR_WIDTH, COLOURS.recall, engine.oosRecall === null ? '–' : `${engine.oosRecall.toFixed(1)} %`),
    );
    parts.push(bar(right, y + ROW / 2 + 2, (engine.trainMs / slowest) * BAR_WIDTH, COLOURS.train, `${(engine.trainMs / 1000).toFixed(1)} s`));
  });
  parts.push(`<line x1="${left}" y1="${top - 4}" x2="${left}" y2="${height - 30}" stroke="#999"/>`);
  parts.push(`<line x1="${right}" y1="${top - 4}" x2="${right}" y2="${height - 30}" stroke="#999"/>`);
  parts.push(
    `<text x="10" y="${height - 10}" fill="#555">${escape(`Thresholds chosen on val + oos_val; reported on test + oos_test. ${results.generatedAt}`)}</text>`,
  );
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function bar(x: number, y: number, length: number, colour: string, label: string): string {
  const h = ROW - 6;
  return `<rect x="${x}" y="${y}" width="${Math.max(0, length).toFixed(1)}" height="${h}" fill="${colour}"/><text x="${(x + Math.max(0, length) + 4).toFixed(1)}" y="${y + h - 4}">${escape(label)}</text>`;
}

function legend(x: number, y: number, colour: string, label: string): string {
  return `<rect x="${x}" y="${y - 10}" width="10" height="10" fill="${colour}"/><text x="${x + 14}" y="${y}">${escape(label)}</text>`;
}

// `npm run bench`: ours against natural and NLP.js on CLINC150 (or --data), then the bot end to end (or one part: --only).
// The only bench module with side effects: it runs the children, prints, and writes tools/bench/results/.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchOptions, CLINC150_NAME } from './bench-options.js';
import { endToEndResultName, readEndToEnd, RESULTS_DIR } from './end-to-end-results.js';
import { UNITS, type BenchResults } from './bench-results.js';
import { loadDataset, schemesFor } from './dataset.js';
import { measureEndToEnd } from './end-to-end.js';
import { measureJournalCost } from './journal-cost.js';
import { ENGINE_NAMES } from './engine.js';
import { ratiosToPeers, summariseRun, type EngineResult } from './engine-result.js';
import { renderResultsChart } from './results-chart.js';
import { renderEndToEndLines, renderResultsTable, renderTargets } from './results-table.js';
import { runEngine } from './run-engine.js';
import { checkEndToEndTargets, checkTargets } from './targets.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const round2 = (value: number) => Math.round(value * 100) / 100;
const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2), PROJECT_ROOT, process.env.INIT_CWD ?? process.cwd());
  const started = Date.now();
  const loadAtStart = loadavg()[0]!;
  if (options.onlyJournal) {
    const loads = await measureJournalCost(log);
    await mkdir(RESULTS_DIR, { recursive: true });
    await writeFile(
      path.join(RESULTS_DIR, 'journal.json'),
      JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, loads }, null, 2) + '\n',
    );
    log('wrote tools/bench/results/journal.json');
    return;
  }
  if (options.onlyEndToEnd) {
    const endToEnd = await measureEndToEnd(PROJECT_ROOT, options, log);
    const loadAtEnd = loadavg()[0]!;
    const name = endToEndResultName(options.store, options.instances);
    const oneInstance =
      options.store === 'postgres' && options.instances > 1 ? await readEndToEnd(endToEndResultName('postgres', 1)).catch(() => undefined) : undefined;
    const targets = checkEndToEndTargets(endToEnd, oneInstance);
    const machine = machineNow(loadAtStart, loadAtEnd);
    const table = renderTargets(
      [
        `Machine: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, ${machine.platform}; 1-minute load average ${machine.loadAverage.atStart} at the start, ${machine.loadAverage.atEnd} at the end; run ${new Date().toISOString()}.`,
        '',
        ...renderEndToEndLines(endToEnd),
      ],
      targets,
    );
    await mkdir(RESULTS_DIR, { recursive: true });
    await writeFile(
      path.join(RESULTS_DIR, `${name}.json`),
      JSON.stringify({ generatedAt: new Date().toISOString(), machine, endToEnd, targets }, null, 2) + '\n',
    );
    await writeFile(path.join(RESULTS_DIR, `${name}.md`), table);
    process.stdout.write(`\n${table}\n`);
    log(`wrote tools/bench/results/${name}.{json,md}`);
    return;
  }
  const dataset = await loadDataset(options.dataPath, options.datasetName);
  const engines = options.onlyOurs ? (['ours'] as const) : ENGINE_NAMES;
  const results: EngineResult[] = [];
  for (const scheme of schemesFor(dataset)) {
    for (const engine of engines) {
      log(`${engine}, ${scheme}: training on ${dataset.name} in a child process`);
      const run = await runEngine({ engine, scheme, dataPath: options.dataPath, datasetName: dataset.name, language: options.language });
      for (const result of summariseRun(dataset.name, scheme, engine, run)) {
        log(
          `${engine}, ${scheme}, threshold on ${result.confidence}: accuracy ${result.inScopeAccuracy.toFixed(2)} %, out-of-scope recall ${result.oosRecall === null ? '–' : `${result.oosRecall.toFixed(1)} %`}, ` +
            `train ${(result.trainMs / 1000).toFixed(1)} s (CPU ${(result.trainCpuMs / 1000).toFixed(1)} s), p50 ${result.p50Ms.toFixed(3)} ms, p99 ${result.p99Ms.toFixed(3)} ms, peak ${result.peakRssMb} MiB`,
        );
        results.push(result);
      }
    }
  }
  const endToEnd = options.onlyOurs ? null : await measureEndToEnd(PROJECT_ROOT, options, log);
  const output: BenchResults = {
    generatedAt: new Date().toISOString(),
    machine: machineNow(loadAtStart, loadavg()[0]!),
    dataset: {
      name: dataset.name,
      path: path.relative(PROJECT_ROOT, options.dataPath),
      train: dataset.train.length,
      val: dataset.val.length,
      test: dataset.test.length,
      oosTrain: dataset.oosTrain.length,
      oosVal: dataset.oosVal.length,
      oosTest: dataset.oosTest.length,
    },
    units: UNITS,
    engines: results,
    ratios: ratiosToPeers(results),
    endToEnd,
    targets: dataset.name === CLINC150_NAME ? checkTargets(results, endToEnd ?? undefined) : [],
  };
  const table = renderResultsTable(output);
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(path.join(RESULTS_DIR, 'latest.json'), JSON.stringify(output, null, 2) + '\n');
  await writeFile(path.join(RESULTS_DIR, 'latest.md'), table);
  await writeFile(path.join(RESULTS_DIR, 'latest.svg'), renderResultsChart(output));
  process.stdout.write(`\n${table}\n`);
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; wrote tools/bench/results/latest.{json,md,svg}`);
}

function machineNow(loadAtStart: number, loadAtEnd: number): BenchResults['machine'] {
  const cpuList = cpus();
  return {
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${platform()} ${release()}`,
    loadAverage: { atStart: round2(loadAtStart), atEnd: round2(loadAtEnd) },
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run bench: ${(error as Error).message}\n`);
  process.exit(1);
});

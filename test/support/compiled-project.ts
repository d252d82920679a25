import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'esbuild';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

/** The folders a spawned process may run code from. */
const SOURCE_FOLDERS = ['bot', 'core', 'dialogs', 'handoff', 'tools', 'test/support'];

/**
 * The `node` arguments that run one of the project's TypeScript entry points (`bot/index.ts`, `tools/cli/data.ts`, a helper
 * under `test/support/`) in a process of its own, as plain JavaScript: the sources compiled by esbuild one file per file (types
 * stripped, as `npm run build` and jest's transform do) into a copy of the project under the system temp folder. Started with
 * `--import tsx` instead, each process spent about 1.7 CPU-seconds more before it could answer (tsx's loader resolves and
 * compiles every module on the way), and the tests start some twenty such processes.
 *
 * The copy is named after a hash of the sources, so every test file and every later run with the same sources reuses it, and an
 * edited file gives a new copy. Its other files (pages, migrations) are links to the originals; `node_modules` too. Run the
 * process with the project as its working folder, as an operator would, so it reads the project's content files.
 */
export function nodeArgsFor(entry: string): string[] {
  if (!entry.endsWith('.ts')) throw new Error(`nodeArgsFor(): ${entry} is not a TypeScript file of the project`);
  return ['--disable-warning=DEP0111', path.join(compiledProject(), entry.replace(/\.ts$/, '.js'))];
}

let compiled: string | undefined;

function compiledProject(): string {
  if (compiled) return compiled;
  const files = SOURCE_FOLDERS.flatMap((folder) => filesUnder(folder));
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file).update('\0');
    if (file.endsWith('.ts')) hash.update(readFileSync(path.join(PROJECT_ROOT, file))).update('\0');
  }
  const target = path.join(os.tmpdir(), `vastaa-compiled-${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(target)) build(files, target);
  compiled = target;
  return target;
}

/** Builds the copy in a folder of its own and renames it into place, so a parallel test file never sees half a copy. */
function build(files: string[], target: string): void {
  const building = mkdtempSync(`${target}-`);
  try {
    const sources = files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
    esbuild.buildSync({
      entryPoints: sources.map((file) => path.join(PROJECT_ROOT, file)),
      outdir: building,
      outbase: PROJECT_ROOT,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'error',
      // As tsc compiles with tsconfig.json (target ES2022): class fields are defined, not assigned, and imports used only as types are dropped.
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, verbatimModuleSyntax: false } },
    });
    for (const file of files.filter((file) => !file.endsWith('.ts'))) {
      mkdirSync(path.dirname(path.join(building, file)), { recursive: true });
      symlinkSync(path.join(PROJECT_ROOT, file), path.join(building, file));
    }
    for (const name of ['node_modules', 'package.json']) symlinkSync(path.join(PROJECT_ROOT, name), path.join(building, name));
    renameSync(building, target);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    // Another test file built the same copy meanwhile: theirs is as good as ours.
    if (!existsSync(target)) throw error;
  }
}

/** Every file under a project folder, as a path relative to the project, in a stable order. */
function filesUnder(folder: string): string[] {
  return readdirSync(path.join(PROJECT_ROOT, folder), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const relative = path.join(folder, entry.name);
      return entry.isDirectory() ? filesUnder(relative) : [relative];
    });
}

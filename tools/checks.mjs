// Runs the checks of `npm test` that come before jest (type check, layers, formatting) at the same time instead of one after
// another: each is a single thread, so run in turn they left a core of the 2-core CI machine idle for about half a minute.
// Each check's output is printed whole when it ends; the exit code is 1 when any of them failed.
// Usage: node tools/checks.mjs typecheck check:layers check:format (names of package.json scripts)
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('tools/checks.mjs: name the package.json scripts to run, e.g. node tools/checks.mjs typecheck check:format');
  process.exit(2);
}

function run(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => resolve({ script, ok: false, output: `could not start npm: ${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ script, ok: code === 0, output: Buffer.concat(output).toString(), code: code ?? signal }));
  });
}

const results = await Promise.all(scripts.map(run));
for (const { script, ok, output, code } of results) {
  process.stdout.write(`\n> ${script}: ${ok ? 'passed' : `FAILED (${code})`}\n${output}`);
}
process.exit(results.every((result) => result.ok) ? 0 : 1);

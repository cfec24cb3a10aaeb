// `npm run lint` (and a step of `npm test`): the import rules that keep the modules apart.
// oxlint checks file cycles and forbidden imports (.oxlintrc.json: web never imports the
// database or server code, ui/ never imports modules, domain stays pure, db never imports the
// apps); scripts/lib/module-cycles.ts checks cycles between module folders, which oxlint cannot
// see. Exits non-zero on any violation.
import { spawnSync } from 'node:child_process';
import { describeModuleCycles } from './lib/module-cycles.ts';
import { ROOT } from './lib/local-env.ts';

export function runLint(): boolean {
  const started = Date.now();
  const oxlint = spawnSync(`${ROOT}/node_modules/.bin/oxlint`, ['-c', '.oxlintrc.json', '--deny-warnings'], { cwd: ROOT, stdio: 'inherit' });
  const cycles = describeModuleCycles(ROOT);
  for (const c of cycles) console.error(c);
  const ok = oxlint.status === 0 && cycles.length === 0;
  console.log(`lint ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ok;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) process.exit(runLint() ? 0 : 1);

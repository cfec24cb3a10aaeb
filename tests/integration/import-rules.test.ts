// The import rules of `npm run lint` (.oxlintrc.json and scripts/lib/module-cycles.ts): each
// forbidden import is written into a scratch copy of the repository layout and must be reported,
// the allowed neighbour must not, and the real code base must pass.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeModuleCycles } from '../../scripts/lib/module-cycles.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const OXLINT = join(ROOT, 'node_modules/.bin/oxlint');

type Diagnostic = { code: string; filename: string; message: string };

let scratch: string | null = null;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = null;
});

/** A scratch tree with the project's lint config and the given files. */
function tree(files: Record<string, string>): string {
  scratch = mkdtempSync(join(tmpdir(), 'import-rules-'));
  const config = JSON.parse(readFileSync(join(ROOT, '.oxlintrc.json'), 'utf8')) as Record<string, unknown>;
  delete config.$schema;
  writeFileSync(join(scratch, '.oxlintrc.json'), JSON.stringify(config));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), text);
  }
  return scratch;
}

function lint(dir: string): Diagnostic[] {
  const run = spawnSync(OXLINT, ['-c', '.oxlintrc.json', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
  return (JSON.parse(run.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
}

const restricted = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'eslint(no-restricted-imports)').map((d) => d.filename).sort();

describe('forbidden imports', () => {
  it('ui/ never imports a module, the shell or a picker', () => {
    const dir = tree({
      'apps/web/src/ui/bad-module.tsx': "import { x } from '../modules/crm/thing.tsx';\nexport const y = x;\n",
      'apps/web/src/ui/bad-shell.tsx': "import { x } from '../shell/top-bar.tsx';\nexport const y = x;\n",
      'apps/web/src/ui/bad-picker.tsx': "import { x } from '../pickers/customer-picker.tsx';\nexport const y = x;\n",
      'apps/web/src/ui/good.tsx': "import { x } from './page.tsx';\nimport { t } from '../i18n/i18n.tsx';\nexport const y = [x, t];\n",
      // The shell and the pickers sit above ui/ and may use modules.
      'apps/web/src/shell/good.tsx': "import { x } from '../modules/notifications/bell.tsx';\nexport const y = x;\n",
    });
    expect(restricted(lint(dir))).toEqual(['apps/web/src/ui/bad-module.tsx', 'apps/web/src/ui/bad-picker.tsx', 'apps/web/src/ui/bad-shell.tsx']);
  });

  it('the web app imports neither the database nor server code, only the router type', () => {
    const dir = tree({
      'apps/web/src/modules/crm/db.tsx': "import { openOrm } from '@workmate/db/orm';\nexport const y = openOrm;\n",
      'apps/web/src/modules/crm/db-relative.tsx': "import { openOrm } from '../../../../../packages/db/src/orm.ts';\nexport const y = openOrm;\n",
      'apps/web/src/modules/crm/api-value.tsx': "import { appRouter } from '@workmate/api/router';\nexport const y = appRouter;\n",
      'apps/web/src/modules/crm/api-other.tsx': "import type { Context } from '@workmate/api/context';\nexport type Y = Context;\n",
      'apps/web/src/ui/db-in-ui.tsx': "import { openOrm } from '@workmate/db/orm';\nexport const y = openOrm;\n",
      'apps/web/src/trpc.ts': "import type { AppRouter } from '@workmate/api/router';\nexport type R = AppRouter;\n",
      'apps/web/src/modules/crm/domain.tsx': "import { CUSTOMER_TYPES } from '@workmate/domain/enums';\nexport const y = CUSTOMER_TYPES;\n",
    });
    expect(restricted(lint(dir))).toEqual([
      'apps/web/src/modules/crm/api-other.tsx',
      'apps/web/src/modules/crm/api-value.tsx',
      'apps/web/src/modules/crm/db-relative.tsx',
      'apps/web/src/modules/crm/db.tsx',
      'apps/web/src/ui/db-in-ui.tsx',
    ]);
  });

  it('packages/domain imports nothing of the database, the API, the worker or the web app', () => {
    const dir = tree({
      'packages/domain/src/db.ts': "import { openOrm } from '@workmate/db/orm';\nexport const y = openOrm;\n",
      'packages/domain/src/db-relative.ts': "import { openOrm } from '../../db/src/orm.ts';\nexport const y = openOrm;\n",
      'packages/domain/src/api.ts': "import type { AppRouter } from '@workmate/api/router';\nexport type Y = AppRouter;\n",
      'packages/domain/src/web.ts': "import { x } from '../../../apps/web/src/trpc.ts';\nexport const y = x;\n",
      'packages/domain/src/orm.ts': "import { p } from '@mikro-orm/core';\nexport const y = p;\n",
      'packages/domain/src/good.ts': "import { z } from 'zod';\nimport { MONEY } from './money.ts';\nexport const y = [z, MONEY];\n",
    });
    expect(restricted(lint(dir))).toEqual([
      'packages/domain/src/api.ts',
      'packages/domain/src/db-relative.ts',
      'packages/domain/src/db.ts',
      'packages/domain/src/orm.ts',
      'packages/domain/src/web.ts',
    ]);
  });

  it('packages/db never imports the apps', () => {
    const dir = tree({
      'packages/db/src/crm/api.ts': "import { router } from '@workmate/api/trpc';\nexport const y = router;\n",
      'packages/db/src/crm/worker-relative.ts': "import { x } from '../../../../apps/worker/src/main.ts';\nexport const y = x;\n",
      'packages/db/src/crm/good.ts': "import { CUSTOMER_TYPES } from '@workmate/domain/enums';\nimport { q } from '../shared/keyset.ts';\nexport const y = [CUSTOMER_TYPES, q];\n",
    });
    expect(restricted(lint(dir))).toEqual(['packages/db/src/crm/api.ts', 'packages/db/src/crm/worker-relative.ts']);
  });
});

describe('import cycles', () => {
  it('two files importing each other are reported, also when one side imports only a type', () => {
    const dir = tree({
      'apps/web/src/lib/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'apps/web/src/lib/b.ts': "import type { A } from './c.ts';\nimport { a } from './a.ts';\nexport const b = () => a;\nexport type B = A;\n",
      'apps/web/src/lib/c.ts': "export type A = string;\n",
      'apps/web/src/lib/d.ts': "import { e } from './e.ts';\nexport const d = () => e;\nexport type D = string;\n",
      'apps/web/src/lib/e.ts': "import type { D } from './d.ts';\nexport const e = (x: D) => x;\n",
    });
    const cycles = lint(dir).filter((d) => d.code === 'import(no-cycle)').map((d) => d.filename).sort();
    expect(cycles).toEqual(['apps/web/src/lib/a.ts', 'apps/web/src/lib/b.ts', 'apps/web/src/lib/d.ts', 'apps/web/src/lib/e.ts']);
  });

  it('two module folders that import each other at runtime are reported; type-only imports do not count', () => {
    const dir = tree({
      'packages/db/src/chat/system.ts': "import { entryAmountSql } from '../time-tracking/sql.ts';\nexport const warn = () => entryAmountSql;\n",
      'packages/db/src/time-tracking/sql.ts': 'export const entryAmountSql = 1;\n',
      'packages/db/src/time-tracking/entries.ts': "import { warn } from '../chat/system.ts';\nexport const save = () => warn;\n",
      'packages/db/src/crm/a.ts': "import type { B } from '../projects/b.ts';\nexport const a = 1;\nexport type A = B;\n",
      'packages/db/src/projects/b.ts': "import {\n  a,\n} from '../crm/a.ts';\nexport type B = string;\nexport const b = a;\n",
      'apps/web/src/ui/page.tsx': "import { useCan } from '../lib/session.ts';\nexport const p = useCan;\n",
      'apps/web/src/lib/session.ts': "import { x } from '../ui/page.tsx';\nexport const useCan = x;\n",
    });
    const found = describeModuleCycles(dir);
    expect(found).toHaveLength(2);
    expect(found[0]).toContain('apps/web/src/lib, apps/web/src/ui');
    expect(found[1]).toContain('packages/db/src/chat, packages/db/src/time-tracking');
    expect(found[1]).toContain('packages/db/src/time-tracking/entries.ts imports packages/db/src/chat/system.ts');
  });

  it('two web module folders that import each other at runtime are reported', () => {
    // The way it was: invoices' dashboard drew its chart with crm's component while crm's
    // customer page showed invoices' status badge.
    const dir = tree({
      'apps/web/src/modules/crm/customer-page.tsx': "import { InvoiceStatusBadge } from '../invoices/invoice-status-badge.tsx';\nexport const p = InvoiceStatusBadge;\n",
      'apps/web/src/modules/crm/monthly-bar-chart.tsx': 'export const MonthlyBarChart = 1;\n',
      'apps/web/src/modules/invoices/invoice-status-badge.tsx': 'export const InvoiceStatusBadge = 1;\n',
      'apps/web/src/modules/invoices/dashboard-page.tsx': "import { MonthlyBarChart } from '../crm/monthly-bar-chart.tsx';\nexport const d = MonthlyBarChart;\n",
      // One direction only is allowed: the project page embeds time entries.
      'apps/web/src/modules/projects/detail-page.tsx': "import { EntryList } from '../time-tracking/entry-list.tsx';\nexport const d = EntryList;\n",
      'apps/web/src/modules/time-tracking/entry-list.tsx': 'export const EntryList = 1;\n',
    });
    const found = describeModuleCycles(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('apps/web/src/modules/crm, apps/web/src/modules/invoices');
    expect(found[0]).toContain('apps/web/src/modules/invoices/dashboard-page.tsx imports apps/web/src/modules/crm/monthly-bar-chart.tsx');
  });
});

describe('the code base', () => {
  it('passes every import rule', () => {
    const run = spawnSync(OXLINT, ['-c', '.oxlintrc.json', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    const diagnostics = (JSON.parse(run.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
    expect(diagnostics.map((d) => `${d.filename}: ${d.code} ${d.message}`)).toEqual([]);
    expect(describeModuleCycles(ROOT)).toEqual([]);
  });
});

// Cycles between module folders (packages/db/src/chat ↔ packages/db/src/time-tracking), which
// oxlint's import/no-cycle cannot see: it follows files, and a folder cycle is usually made of
// files that never import each other back (time-tracking/entries.ts → chat/system.ts → time-tracking/sql.ts, as it was).
// A module that depends on another in both directions cannot be understood or moved alone, so
// `npm run lint` fails on such a cycle. Type-only imports do not count: they vanish at runtime.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * Folders whose direct sub-folders are modules that must not depend on each other in a circle.
 * apps/web/src/modules too: a page may embed another module's widgets (the project page shows
 * time entries, invoices, expenses, chat and reminders), but never back; what several modules
 * share and that belongs to none (a chart, a table) lives in apps/web/src/ui. See README.md,
 * "Web modules".
 */
export const MODULE_ROOTS = [
  'packages/db/src',
  'packages/domain/src',
  'apps/api/src/routers',
  'apps/api/src',
  'apps/worker/src',
  'apps/web/src',
  'apps/web/src/modules',
];

const PACKAGE_SOURCES: Record<string, string> = {
  '@workmate/db/': 'packages/db/src/',
  '@workmate/domain/': 'packages/domain/src/',
  '@workmate/api/': 'apps/api/src/',
  '@workmate/worker/': 'apps/worker/src/',
};

// `import … from '…'` and `export … from '…'`, also across lines; group 1 is what is imported.
const FROM_RE = /^\s*(?:import|export)\s+([^;'"]*?)\s*from\s*['"]([^'"]+)['"]/gm;
const BARE_IMPORT_RE = /^\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT_RE = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The specifiers a file imports at runtime (type-only imports left out). */
export function runtimeImports(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(FROM_RE)) {
    const clause = m[1] ?? '';
    if (/^type\s/.test(clause)) continue;
    // `import { type A, type B } from` imports nothing at runtime either.
    const named = /^\{([\s\S]*)\}$/.exec(clause.trim());
    if (named) {
      const names = (named[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (names.length > 0 && names.every((n) => n.startsWith('type '))) continue;
    }
    found.push(m[2] ?? '');
  }
  for (const m of source.matchAll(BARE_IMPORT_RE)) found.push(m[1] ?? '');
  for (const m of source.matchAll(DYNAMIC_IMPORT_RE)) found.push(m[1] ?? '');
  return found;
}

function resolveSpecifier(root: string, fromFile: string, spec: string): string | null {
  let target: string | null = null;
  if (spec.startsWith('.')) target = resolve(dirname(fromFile), spec);
  else {
    const prefix = Object.keys(PACKAGE_SOURCES).find((p) => spec.startsWith(p));
    if (prefix) target = join(root, PACKAGE_SOURCES[prefix] + spec.slice(prefix.length));
  }
  if (!target) return null;
  for (const candidate of [target, `${target}.ts`, `${target}.tsx`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** The module a file belongs to under `moduleRoot` (its first folder there), or null for loose files. */
function moduleOf(root: string, moduleRoot: string, file: string): string | null {
  const rel = relative(join(root, moduleRoot), file);
  if (rel.startsWith('..')) return null;
  const parts = rel.split(sep);
  return parts.length > 1 ? `${moduleRoot}/${parts[0]}` : null;
}

export type ModuleEdge = { from: string; to: string; fromFile: string; toFile: string };

/** Every runtime import from one module folder to another module folder of the same root. */
export function moduleEdges(root: string, moduleRoots = MODULE_ROOTS): ModuleEdge[] {
  const edges: ModuleEdge[] = [];
  for (const moduleRoot of moduleRoots) {
    const dir = join(root, moduleRoot);
    if (!existsSync(dir)) continue;
    for (const file of sourceFiles(dir)) {
      const from = moduleOf(root, moduleRoot, file);
      if (!from) continue;
      for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
        const target = resolveSpecifier(root, file, spec);
        const to = target ? moduleOf(root, moduleRoot, target) : null;
        if (to && to !== from) edges.push({ from, to, fromFile: relative(root, file), toFile: relative(root, target ?? '') });
      }
    }
  }
  return edges;
}

/** Groups of modules that reach each other (strongly connected components of two or more). */
export function moduleCycles(edges: ModuleEdge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!next.has(e.from)) next.set(e.from, new Set());
    next.get(e.from)?.add(e.to);
    if (!next.has(e.to)) next.set(e.to, new Set());
  }
  // Tarjan's algorithm.
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, indexOf.get(w) ?? 0));
    }
    if (low.get(v) === indexOf.get(v)) {
      const group: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!indexOf.has(v)) visit(v);
  return groups;
}

/** Readable report of each cycle with one importing file per edge inside it, or [] when there is none. */
export function describeModuleCycles(root: string, moduleRoots = MODULE_ROOTS): string[] {
  const edges = moduleEdges(root, moduleRoots);
  return moduleCycles(edges).map((group) => {
    const inside = edges.filter((e) => group.includes(e.from) && group.includes(e.to));
    const seen = new Set<string>();
    const lines = inside
      .filter((e) => {
        const key = `${e.from}>${e.to}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map((e) => `    ${e.from} → ${e.to}   (${e.fromFile} imports ${e.toFile})`);
    return `Import cycle between modules ${group.join(', ')}:\n${lines.join('\n')}`;
  });
}

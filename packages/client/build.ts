// Builds the typed client for use outside this repository (`npm run build -w @workmate/client`):
// dist/index.js is the client bundled on its own (the router is only a type, so no server code
// goes in), dist/types/ the declarations of the router and of every module its types name, with
// the workspace imports (`@workmate/db/…`) turned into relative paths inside dist/types.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const here = import.meta.dirname;
const root = resolve(here, '../..');
const dist = join(here, 'dist');
const types = join(dist, 'types');

/** Where each workspace package's sources land inside dist/types. */
const workspaces: Record<string, string> = {
  api: join(types, 'apps/api/src'),
  db: join(types, 'packages/db/src'),
  domain: join(types, 'packages/domain/src'),
};

export async function buildClient(): Promise<string> {
  rmSync(dist, { recursive: true, force: true });
  // Declarations of every workspace module are written, then only those the client's types reach
  // are kept. Some modules the client never reaches (the ORM's entity definitions) have types too
  // large to write out; tsc reports them but writes the rest, so its errors count only when they
  // are in a module that is kept.
  const tsc = spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(here, 'tsconfig.declarations.json')], { cwd: here, encoding: 'utf8' });
  for (const file of declarationFiles(types)) writeFileSync(file, relativeImports(file, readFileSync(file, 'utf8')));
  const entry = join(types, 'packages/client/src/index.d.ts');
  if (!existsSync(entry)) throw new Error(`tsc wrote no declarations:\n${tsc.stdout}${tsc.stderr}`);
  let kept: Set<string>;
  try {
    kept = reachable(entry);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${tsc.stdout}${tsc.stderr}`);
  }
  for (const file of declarationFiles(types)) if (!kept.has(file)) rmSync(file);
  const errors = (tsc.stdout + tsc.stderr).split('\n').filter((line) => {
    const source = /^(.+?\.ts)\(\d+,\d+\): error/.exec(line)?.[1];
    return source !== undefined && kept.has(join(types, relative(root, resolve(here, source)).replace(/\.ts$/, '.d.ts')));
  });
  if (errors.length) throw new Error(`The client's declarations have errors:\n${errors.join('\n')}`);
  writeFileSync(join(dist, 'index.d.ts'), "export * from './types/packages/client/src/index.js';\n");
  await build({
    entryPoints: [join(here, 'src/index.ts')],
    outfile: join(dist, 'index.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    external: ['@trpc/client', 'eventsource'],
    logLevel: 'warning',
  });
  return dist;
}

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** The declaration files `entry` imports, directly or through others (relative imports only). */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop() as string;
    if (seen.has(file)) continue;
    if (!existsSync(file)) {
      // tsc writes no declarations for a module whose types are too large to write out (TS7056).
      // Server-side modules (the ORM setup in the request context) may be missing: they only make
      // `ctx` untyped. The API's own modules (router, procedures, client) may not, or every
      // procedure's input and answer would silently be `any`.
      if (relative(types, file).startsWith('apps/api/')) throw new Error(`No declarations for ${relative(types, file)}: see the errors above`);
      continue;
    }
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\(\s*)['"](\.[^'"]+)\.js['"]/g)) {
      todo.push(resolve(dirname(file), `${m[1]}.d.ts`));
    }
  }
  return seen;
}

/** `'@workmate/db/crm/customers'` → `'../../../packages/db/src/crm/customers.js'`; `'./x.ts'` → `'./x.js'`. */
export function relativeImports(file: string, text: string): string {
  return text.replace(/(from\s+|import\(\s*)(['"])([^'"]+)\2/g, (whole, lead: string, quote: string, spec: string) => {
    const workspace = /^@workmate\/(api|db|domain)\/(.+?)(\.ts)?$/.exec(spec);
    if (workspace) {
      const target = join(workspaces[workspace[1] as string] as string, `${workspace[2]}.js`);
      let path = relative(dirname(file), target);
      if (!path.startsWith('.')) path = `./${path}`;
      return `${lead}${quote}${path}${quote}`;
    }
    if (spec.startsWith('.') && spec.endsWith('.ts') && !spec.endsWith('.d.ts')) return `${lead}${quote}${spec.slice(0, -3)}.js${quote}`;
    return whole;
  });
}

if (process.argv[1] === import.meta.filename) {
  console.log(`Built the client into ${relative(process.cwd(), await buildClient())}`);
}

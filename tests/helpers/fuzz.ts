import { z } from 'zod';

/**
 * Invalid inputs generated from a procedure's own zod schema: the schema is turned into JSON
 * Schema (its input side), a plausible value is built from it, and every field — and the input
 * as a whole — is replaced in turn by wrong types, missing values, 1 MB strings, huge and
 * negative numbers, unusual unicode and injection strings. Only candidates the schema itself
 * rejects are kept, so every input sent is invalid by construction.
 */

// A JSON Schema node as zod writes it; only the keywords used below are read.
export interface JsonNode {
  type?: string | string[];
  properties?: Record<string, JsonNode>;
  required?: string[];
  additionalProperties?: JsonNode | boolean;
  items?: JsonNode;
  anyOf?: JsonNode[];
  oneOf?: JsonNode[];
  allOf?: JsonNode[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  $ref?: string;
  $defs?: Record<string, JsonNode>;
}

export type Path = Array<string | number>;
export type FieldKind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'enum' | 'other';
export interface Field {
  path: Path;
  kind: FieldKind;
  format: string | undefined;
  required: boolean;
  /** Its JSON Schema (the branch that says most). */
  node: JsonNode;
}
export interface FuzzCase {
  category: string;
  label: string;
  input: unknown;
}

export const MB_STRING = 'x'.repeat(1_000_000);

export const UNICODE = [
  'nul\u0000byte',
  '\u0000',
  'lone \ud800 surrogate',
  '\udfff',
  'rtl \u202egnp.exe',
  'zero\u200bwidth\u200d\ufeff',
  'combining e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301',
  'emoji 👩‍👩‍👧‍👦🏳️‍🌈',
  'bell\u0007 esc\u001b[31m',
  '\uffff\ufffe',
];
export const INJECTION = [
  "' OR 1=1 --",
  "'; DROP TABLE customers; --",
  '1; select pg_sleep(5)',
  "00000000-0000-4000-8000-000000000000' OR '1'='1",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '../../../../etc/passwd',
  '%00',
];
export const NUMBERS: unknown[] = [-1, -0.01, 0, 0.5, 1.5, 1e15, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, '99999999999999999.99', '1e5', '-1', '12,345.678', 'NaN', 'Infinity', '0x10'];
export const WRONG_TYPES: unknown[] = [42, true, false, null, 'text', [], [1, 'a'], {}, { nested: { deep: true } }];

/** The input side of a zod schema as JSON Schema; transforms and refinements are left to safeParse. */
export function jsonSchemaOf(schema: z.ZodType): JsonNode {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonNode;
}

function resolve(node: JsonNode, root: JsonNode): JsonNode {
  if (node.$ref?.startsWith('#/$defs/')) return root.$defs?.[node.$ref.slice('#/$defs/'.length)] ?? {};
  return node;
}

/** The alternatives of a node: anyOf/oneOf branches flattened, allOf of objects merged into one. */
export function branches(node: JsonNode, root: JsonNode): JsonNode[] {
  const n = resolve(node, root);
  const alternatives = n.anyOf ?? n.oneOf;
  if (alternatives) return alternatives.flatMap((b) => branches(b, root));
  if (n.allOf) {
    const parts = n.allOf.flatMap((b) => branches(b, root));
    const objects = parts.filter((p) => typeOf(p) === 'object');
    if (objects.length === parts.length) {
      return [{ type: 'object', properties: Object.assign({}, ...objects.map((o) => o.properties ?? {})), required: objects.flatMap((o) => o.required ?? []) }];
    }
    return parts;
  }
  if (Array.isArray(n.type)) return n.type.map((t) => ({ ...n, type: t }));
  return [n];
}

function typeOf(n: JsonNode): string | undefined {
  if (n.enum) return 'enum';
  if (n.const !== undefined) return 'const';
  return typeof n.type === 'string' ? n.type : n.properties ? 'object' : undefined;
}

/** The branch that says most about a field: an object or a formatted string over null and ''. */
function mainBranch(node: JsonNode, root: JsonNode): JsonNode {
  const all = branches(node, root);
  const score = (b: JsonNode) => {
    const t = typeOf(b);
    if (t === 'null') return 0;
    if (t === 'const') return b.const === '' ? 1 : 2;
    if (t === 'object' || t === 'array') return 5;
    if (t === 'string') return b.format || b.pattern ? 4 : 3;
    return 3;
  };
  return all.reduce((best, b) => (score(b) > score(best) ? b : best), all[0] ?? {});
}

function kindOf(n: JsonNode): FieldKind {
  const t = typeOf(n);
  if (t === 'string' || t === 'object' || t === 'array' || t === 'boolean') return t;
  if (t === 'number' || t === 'integer') return 'number';
  if (t === 'enum' || t === 'const') return 'enum';
  return 'other';
}

/** Every field of the input, nested objects and array items (index 0) included; the root is path []. */
export function fieldsOf(root: JsonNode): Field[] {
  const out: Field[] = [];
  const visit = (node: JsonNode, path: Path, required: boolean, depth: number) => {
    const main = mainBranch(node, root);
    const kind = kindOf(main);
    out.push({ path, kind, format: main.format, required, node: main });
    if (depth > 6) return;
    // Every string-like branch is a field of its own kind (e.g. money: string or number).
    for (const b of branches(node, root)) {
      if (b !== main && kindOf(b) !== kind && kindOf(b) !== 'enum' && typeOf(b) !== 'null' && path.length) out.push({ path, kind: kindOf(b), format: b.format, required, node: b });
    }
    if (kind === 'object') {
      for (const [key, child] of Object.entries(main.properties ?? {})) visit(child, [...path, key], (main.required ?? []).includes(key), depth + 1);
      if (typeof main.additionalProperties === 'object') visit(main.additionalProperties, [...path, 'key'], false, depth + 1);
    }
    if (kind === 'array' && main.items) visit(main.items, [...path, 0], true, depth + 1);
  };
  visit(root, [], true, 0);
  return out;
}

export interface SampleIds {
  /** Every uuid field gets this id unless the caller says otherwise. */
  id: string;
}

/** A plausible value for a node: required properties only, the first enum value, a date for a date. */
export function sample(node: JsonNode, root: JsonNode, ids: SampleIds, depth = 0): unknown {
  const n = mainBranch(node, root);
  switch (typeOf(n)) {
    case 'enum':
      return n.enum?.[0];
    case 'const':
      return n.const;
    case 'boolean':
      return false;
    case 'integer':
    case 'number': {
      const min = n.minimum ?? (n.exclusiveMinimum !== undefined ? n.exclusiveMinimum + 1 : undefined);
      return Math.min(Math.max(1, min ?? 1), n.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'string':
      return sampleString(n, ids);
    case 'array':
      return n.minItems && n.items ? Array.from({ length: n.minItems }, () => sample(n.items as JsonNode, root, ids, depth + 1)) : [];
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 6) return out;
      for (const key of n.required ?? []) {
        const child = n.properties?.[key];
        if (child) out[key] = sample(child, root, ids, depth + 1);
      }
      return out;
    }
    default:
      return null;
  }
}

function sampleString(n: JsonNode, ids: SampleIds): string {
  switch (n.format) {
    case 'uuid':
      return ids.id;
    case 'date':
      return '2025-01-15';
    case 'date-time':
      return '2025-01-15T10:00:00+01:00';
    case 'email':
      return 'fuzz@example.test';
  }
  const guesses = ['Fuzz', 'FUZZ-1', 'crm.read', '10', 'DE123456789', '/tmp/template.hbs', 'RE-{YYYY}-{NNNN}'];
  const fits = (s: string) => (!n.pattern || new RegExp(n.pattern).test(s)) && s.length >= (n.minLength ?? 0) && s.length <= (n.maxLength ?? Infinity);
  return guesses.find(fits) ?? 'x'.repeat(Math.max(1, n.minLength ?? 1));
}

/**
 * A value the schema accepts, as near as the sample gets: a field the schema complains about is
 * tried with other plain values, a field a refinement asks for is added. May still be invalid
 * when a rule needs more than that (the callers only rely on the ids in it).
 */
export function plausibleInput(schema: z.ZodType, ids: SampleIds): unknown {
  const root = jsonSchemaOf(schema);
  const fields = new Map(fieldsOf(root).map((f) => [pathName(f.path), f]));
  let value = sample(root, root, ids);
  for (let pass = 0; pass < 12; pass++) {
    const result = schema.safeParse(value);
    if (result.success) return value;
    const field = fields.get(pathName(result.error.issues[0]?.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) ?? []));
    if (!field?.path.length) return value;
    const candidates = [sample(field.node, root, ids), '10.00', 10, '2025-01-15T10:00:00+01:00', '2025-01-15T11:00:00+01:00', '2025-01-15', '2025-01-31', 'Fuzz', true, 19, []];
    const fix = candidates.map((c) => setAt(value, field.path, c)).find((v) => issuesAt(schema, v, field.path).length === 0);
    if (fix === undefined) return value;
    value = fix;
  }
  return value;
}

export function setAt(value: unknown, path: Path, next: unknown, remove = false): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  const copy: unknown = Array.isArray(value) ? [...(value as unknown[])] : value && typeof value === 'object' ? { ...value } : typeof head === 'number' ? [] : {};
  const container = copy as Record<string | number, unknown>;
  const key = head as string | number;
  if (rest.length === 0 && remove) delete container[key];
  else container[key] = setAt(container[key], rest, next, remove);
  return container;
}

export const pathName = (path: Path) => (path.length ? path.join('.') : '(input)');

/** What to put in a field of this kind: the usual wrong types, and the payloads that fit its kind. */
function payloadsFor(field: Field): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = WRONG_TYPES.map((v) => ['wrong type', v]);
  out.push(['1 MB string', MB_STRING]);
  const textual = field.kind === 'string' || field.kind === 'enum';
  // Numbers everywhere, all of them where a number (or an amount) belongs.
  for (const v of field.kind === 'number' || field.kind === 'string' ? NUMBERS : NUMBERS.slice(0, 8)) out.push(['number', v]);
  for (const v of UNICODE) out.push(['unicode', v]);
  for (const v of INJECTION) out.push(['injection', v]);
  if (textual) {
    out.push(['empty', ''], ['blank', '   ']);
    for (const v of INJECTION.slice(0, 5)) out.push(['injection', `valid ${v}`]);
  }
  if (field.kind === 'array') out.push(['huge array', Array.from({ length: 10_001 }, () => 'x')], ['array of 1 MB', [MB_STRING]]);
  if (field.kind === 'object') out.push(['deep object', JSON.parse(`${'{"a":'.repeat(500)}1${'}'.repeat(500)}`) as unknown]);
  return out;
}

export interface InvalidInputOptions {
  ids: SampleIds;
  /** At least this many (padded when the schema is small); default 100. */
  minimum?: number;
  /** At most this many, taken round-robin over the categories; default 110. */
  maximum?: number;
  /** At most this many 1 MB inputs (the schema test checks every field without HTTP); default 3. */
  maximumLarge?: number;
}

/**
 * Between `minimum` and `maximum` inputs the schema rejects. Payloads go at every field (with the
 * rest of a plausible value around them), required fields are left out, and the whole input is
 * replaced; when that gives too few, injection strings are combined with the sample's ids.
 */
export function invalidInputs(schema: z.ZodType, options: InvalidInputOptions): FuzzCase[] {
  const { minimum = 100, maximum = 110, maximumLarge = 3 } = options;
  const root = jsonSchemaOf(schema);
  const base = sample(root, root, options.ids);
  const seen = new Set<string>();
  const out: FuzzCase[] = [];
  let large = 0;
  const consider = (category: string, label: string, input: unknown) => {
    // 1 MB inputs are costly to build and send: only the first few (the schema test covers every field).
    const isLarge = category === '1 MB string' || category === 'array of 1 MB';
    if (isLarge && large >= maximumLarge) return;
    const key = JSON.stringify(input) ?? 'undefined';
    if (seen.has(key)) return;
    seen.add(key);
    if (schema.safeParse(input).success) return;
    out.push({ category, label, input });
    if (isLarge) large++;
  };

  consider('missing', 'no input at all', undefined);
  const fields = fieldsOf(root);
  for (const field of fields) {
    const name = pathName(field.path);
    if (field.path.length && field.required) consider('missing', `${name} left out`, setAt(base, field.path, undefined, true));
    for (const [category, payload] of payloadsFor(field)) consider(category, `${name} = ${describe(payload)}`, setAt(base, field.path, payload));
  }
  // Padding for small inputs: payloads with valid-looking parts around them.
  const targets = fields.filter((f) => f.path.length);
  if (!targets.length) targets.push({ path: [], kind: 'other', format: undefined, required: true, node: root });
  for (let round = 0; out.length < minimum && round < 40; round++) {
    for (const field of targets) {
      for (const v of [...INJECTION, ...UNICODE]) {
        const variants = [`${options.ids.id}${v}`, `${v}${options.ids.id}`, ` ${v} `.repeat(round + 1), [v], { [String(round)]: v }];
        consider('padding', `${pathName(field.path)} = ${describe(variants[round % variants.length])}`, setAt(base, field.path, variants[round % variants.length]));
      }
    }
  }
  return pick(out, maximum);
}

/** Round-robin over the categories (in the order found), so a cap keeps every kind of input. */
function pick(cases: FuzzCase[], maximum: number): FuzzCase[] {
  const groups = new Map<string, FuzzCase[]>();
  for (const c of cases) groups.set(c.category, [...(groups.get(c.category) ?? []), c]);
  const out: FuzzCase[] = [];
  for (let i = 0; out.length < maximum; i++) {
    let added = false;
    for (const group of groups.values()) {
      const c = group[i];
      if (c && out.length < maximum) {
        out.push(c);
        added = true;
      }
    }
    if (!added) break;
  }
  return out;
}

export function describe(value: unknown, max = 120): string {
  if (value === undefined) return 'undefined';
  const text = typeof value === 'string' && value.length > max ? `"${value.slice(0, 20)}…" (${value.length} chars)` : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** Issues of a parse that sit at (or under) the given field. */
export function issuesAt(schema: z.ZodType, input: unknown, path: Path): z.core.$ZodIssue[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  const prefix = path.map(String).join('.');
  return result.error.issues.filter((i) => {
    const at = i.path.map(String).join('.');
    return prefix === '' || at === prefix || at.startsWith(`${prefix}.`);
  });
}

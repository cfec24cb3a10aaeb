import { randomUUID } from 'node:crypto';
import type { Client } from './users.ts';

export const code = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A stock-kept article in pieces (H87), 19 % VAT, with a unique number. */
export async function makeArticle(client: Client, overrides: Partial<Parameters<Client['inventory']['articles']['create']['mutate']>[0]> = {}) {
  return client.inventory.articles.create.mutate({ number: code('ART'), name: 'Schraube M6', baseUnit: 'H87', ...overrides });
}

/** A warehouse with one zone and the given number of bins inside it. */
export async function makeWarehouse(client: Client, bins = 1) {
  const warehouse = await client.inventory.locations.create.mutate({ kind: 'warehouse', code: code('HL'), name: 'Hauptlager' });
  const zone = await client.inventory.locations.create.mutate({ kind: 'zone', code: 'A', name: 'Zone A', parentId: warehouse.id });
  const created = [];
  for (let i = 1; i <= bins; i++) created.push(await client.inventory.locations.create.mutate({ kind: 'bin', code: `A-${String(i).padStart(2, '0')}`, name: `Fach ${i}`, parentId: zone.id }));
  return { warehouse, zone, bins: created };
}

/** The ids of the virtual locations, by kind. */
export async function virtualLocations(client: Client): Promise<Record<'supplier' | 'customer' | 'loss' | 'transit' | 'blocked', string>> {
  const all = await client.inventory.locations.list.query();
  const byKind = (kind: string) => {
    const found = all.find((l) => l.virtual && l.kind === kind);
    if (!found) throw new Error(`no virtual location ${kind}`);
    return found.id;
  };
  return { supplier: byKind('supplier'), customer: byKind('customer'), loss: byKind('loss'), transit: byKind('transit'), blocked: byKind('blocked') };
}

/** Seeded PRNG (mulberry32): the same seed gives the same run, no wall clock involved. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

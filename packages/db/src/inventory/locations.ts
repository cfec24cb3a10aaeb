import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import { PARENT_KIND, type LocationCreateInput, type LocationKind } from '@workmate/domain/inventory';
import { created, writeAudit } from '../audit/write.ts';

export interface LocationDto {
  id: string;
  kind: LocationKind;
  code: string;
  name: string;
  parentId: string | null;
  /** "HL/A/A-01-03": the codes from the warehouse down. */
  path: string;
  virtual: boolean;
}

/** Every location, warehouses with their zones and bins in path order, then the virtual ones. */
export async function listLocations(em: EntityManager): Promise<LocationDto[]> {
  const rows = await em.execute<Array<{ id: string; kind: LocationKind; code: string; name: string; parent_id: string | null; path: string; virtual: boolean }>>(
    `with recursive tree as (
       select id, kind, code, name, parent_id, code::text as path, virtual from stock_locations where parent_id is null
       union all
       select l.id, l.kind, l.code, l.name, l.parent_id, tree.path || '/' || l.code, l.virtual from stock_locations l join tree on l.parent_id = tree.id
     )
     select * from tree order by virtual, path`,
  );
  return rows.map((r) => ({ id: r.id, kind: r.kind, code: r.code, name: r.name, parentId: r.parent_id, path: r.path, virtual: r.virtual }));
}

/** The id of the one virtual location of a kind (created by the migration). */
export async function virtualLocationId(em: EntityManager, kind: 'supplier' | 'customer' | 'loss' | 'transit' | 'blocked'): Promise<string> {
  const [row] = await em.execute<Array<{ id: string }>>(`select id from stock_locations where kind = ? and virtual`, [kind]);
  if (!row) throw new Error(`the virtual location ${kind} is missing (migration not run?)`);
  return row.id;
}

/** A warehouse, a zone inside a warehouse, or a bin inside a zone. */
export async function createLocation(em: EntityManager, input: LocationCreateInput): Promise<LocationDto> {
  return em.transactional(async (tx) => {
    const parentKind = PARENT_KIND[input.kind];
    let parentPath = '';
    if (parentKind) {
      if (!input.parentId) throw appError('BAD_REQUEST', 'location.parentKind', { kind: input.kind, parent: parentKind }, { field: 'parentId' });
      const [parent] = await tx.execute<Array<{ kind: string }>>(`select kind from stock_locations where id = ? for share`, [input.parentId]);
      if (!parent) throw appError('NOT_FOUND', 'record.notFound', { what: 'Location', id: input.parentId }, { field: 'parentId' });
      if (parent.kind !== parentKind) throw appError('BAD_REQUEST', 'location.parentKind', { kind: input.kind, parent: parentKind }, { field: 'parentId' });
      parentPath = (await listLocations(tx)).find((l) => l.id === input.parentId)?.path ?? '';
    } else if (input.parentId) {
      throw appError('BAD_REQUEST', 'location.parentKind', { kind: input.kind, parent: 'none' }, { field: 'parentId' });
    }
    const [taken] = await tx.execute<Array<{ id: string }>>(
      `select id from stock_locations where coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid) = coalesce(?::uuid, '00000000-0000-0000-0000-000000000000'::uuid) and lower(code) = lower(?)`,
      [input.parentId, input.code],
    );
    if (taken) throw appError('CONFLICT', 'location.codeTaken', { code: input.code }, { field: 'code' });
    const [row] = await tx.execute<Array<{ id: string }>>(`insert into stock_locations (kind, code, name, parent_id) values (?, ?, ?, ?) returning id`, [input.kind, input.code, input.name, input.parentId]);
    const id = (row as { id: string }).id;
    await writeAudit(tx, [{ action: 'create', entity: 'stockLocation', entityId: id, changes: created({ kind: input.kind, code: input.code, name: input.name, parentId: input.parentId }) }]);
    return { id, kind: input.kind, code: input.code, name: input.name, parentId: input.parentId, path: parentPath ? `${parentPath}/${input.code}` : input.code, virtual: false };
  });
}

/** The suppliers to choose from (shared with received e-invoices), by name. */
export async function listSupplierChoices(em: EntityManager): Promise<Array<{ id: string; name: string }>> {
  return em.execute<Array<{ id: string; name: string }>>(`select id, name from suppliers order by lower(name), id limit 1000`);
}

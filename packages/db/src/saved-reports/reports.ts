import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import { nextRunAt, type ReportSource } from '@workmate/domain/saved-reports';
import type { SavedReportCreateInput, SavedReportDto, SavedReportRunDto, SavedReportUpdateInput } from '@workmate/domain/schemas/platform';
import { created, writeAudit } from '../audit/write.ts';

interface ReportRow {
  id: string;
  name: string;
  source: ReportSource;
  columns: string[];
  filters: SavedReportDto['filters'];
  format: SavedReportDto['format'];
  schedule: SavedReportDto['schedule'];
  next_run_at: Date | null;
  last_run_at: Date | null;
  owner_id: string;
  owner_name: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `select r.id, r.name, r.source, r.columns, r.filters, r.format, r.schedule, r.next_run_at, r.last_run_at, r.owner_id,
                       e.first_name || ' ' || e.last_name as owner_name, r.version, r.created_at, r.updated_at
                  from saved_reports r join employees e on e.id = r.owner_id`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
function toDto(r: ReportRow): SavedReportDto {
  return {
    id: r.id,
    name: r.name,
    source: r.source,
    columns: r.columns,
    filters: r.filters,
    format: r.format,
    schedule: r.schedule,
    nextRunAt: iso(r.next_run_at),
    lastRunAt: iso(r.last_run_at),
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function listSavedReports(em: EntityManager): Promise<SavedReportDto[]> {
  const rows = await em.execute<ReportRow[]>(`${SELECT} where r.deleted_at is null order by r.name, r.id`);
  return rows.map(toDto);
}

export async function getSavedReport(em: EntityManager, id: string): Promise<SavedReportDto> {
  const [row] = await em.execute<ReportRow[]>(`${SELECT} where r.id = ? and r.deleted_at is null`, [id]);
  if (!row) throw notFound('Saved report', id);
  return toDto(row);
}

const stored = (input: SavedReportCreateInput) => ({ name: input.name, source: input.source, columns: input.columns, filters: input.filters, format: input.format, schedule: input.schedule });

export async function createSavedReport(em: EntityManager, input: SavedReportCreateInput, ownerId: string, now = new Date()): Promise<SavedReportDto> {
  return em.transactional(async (tx) => {
    const next = nextRunAt(input.schedule, now);
    const [row] = await tx.execute<Array<{ id: string }>>(
      `insert into saved_reports (id, name, source, columns, filters, format, schedule, next_run_at, owner_id, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, now(), now()) returning id`,
      [input.name, input.source, JSON.stringify(input.columns), JSON.stringify(input.filters), input.format, input.schedule, next, ownerId],
    );
    const id = (row as { id: string }).id;
    await writeAudit(tx, [{ action: 'create', entity: 'saved_report', entityId: id, changes: created({ ...stored(input), ownerId, nextRunAt: next?.toISOString() ?? null }) }]);
    return getSavedReport(tx, id);
  });
}

export async function updateSavedReport(em: EntityManager, input: SavedReportUpdateInput, now = new Date()): Promise<SavedReportDto> {
  return em.transactional(async (tx) => {
    const before = await getSavedReport(tx, input.id);
    if (input.version !== undefined && input.version !== before.version) throw appError('CONFLICT', 'record.staleVersion', { what: 'report' }, { field: 'version' });
    // A changed schedule starts counting from now; an unchanged one keeps its next run.
    const next = input.schedule === before.schedule ? (before.nextRunAt ? new Date(before.nextRunAt) : null) : nextRunAt(input.schedule, now);
    const updated = await tx.execute<Array<{ id: string }>>(
      `update saved_reports set name = ?, source = ?, columns = ?::jsonb, filters = ?::jsonb, format = ?, schedule = ?, next_run_at = ?, version = version + 1, updated_at = now()
        where id = ? and version = ? and deleted_at is null returning id`,
      [input.name, input.source, JSON.stringify(input.columns), JSON.stringify(input.filters), input.format, input.schedule, next, input.id, before.version],
    );
    if (!updated.length) throw appError('CONFLICT', 'record.staleVersion', { what: 'report' }, { field: 'version' });
    const after = stored(input);
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const [key, value] of Object.entries(after)) {
      const old = (before as unknown as Record<string, unknown>)[key];
      if (JSON.stringify(old) !== JSON.stringify(value)) changes[key] = { before: old, after: value };
    }
    if (Object.keys(changes).length) await writeAudit(tx, [{ action: 'update', entity: 'saved_report', entityId: input.id, changes }]);
    return getSavedReport(tx, input.id);
  });
}

/** Deleting hides the report and stops its schedule; its runs stay for the record. */
export async function deleteSavedReport(em: EntityManager, id: string): Promise<{ id: string }> {
  return em.transactional(async (tx) => {
    const before = await getSavedReport(tx, id);
    await tx.execute(`update saved_reports set deleted_at = now(), next_run_at = null, version = version + 1, updated_at = now() where id = ?`, [id]);
    await writeAudit(tx, [{ action: 'delete', entity: 'saved_report', entityId: id, changes: { name: { before: before.name, after: null } } }]);
    return { id };
  });
}

export async function listSavedReportRuns(em: EntityManager, reportId: string): Promise<SavedReportRunDto[]> {
  await getSavedReport(em, reportId);
  const rows = await em.execute<Array<{ id: string; report_id: string; trigger: 'manual' | 'schedule'; status: 'done' | 'failed'; format: string; row_count: number; file_name: string | null; size: number | null; error: string | null; created_at: Date }>>(
    `select id, report_id, trigger, status, format, row_count, file_name, size, error, created_at from saved_report_runs where report_id = ? order by created_at desc, id limit 50`,
    [reportId],
  );
  return rows.map((r) => ({ id: r.id, reportId: r.report_id, trigger: r.trigger, status: r.status, format: r.format, rowCount: r.row_count, fileName: r.file_name, size: r.size, error: r.error, createdAt: new Date(r.created_at).toISOString() }));
}

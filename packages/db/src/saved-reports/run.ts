import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { berlinDay } from '@workmate/domain/berlin-time';
import { appError, notFound } from '@workmate/domain/errors';
import { JOBS } from '@workmate/domain/jobs';
import { hasPermission } from '@workmate/domain/permissions';
import { nextRunAt, reportFileName, SOURCE_PERMISSION, type ReportFormat } from '@workmate/domain/saved-reports';
import type { ReportFileDto, SavedReportDto } from '@workmate/domain/schemas/platform';
import type { FileStorage } from '../documents/storage.ts';
import { created, writeAudit } from '../audit/write.ts';
import { enqueue } from '../outbox/outbox.ts';
import { CONTENT_TYPES, reportCsv, reportXlsx } from './files.ts';
import { getSavedReport } from './reports.ts';
import { reportRows } from './rows.ts';

export interface ReportRunner {
  id: string;
  permissions: readonly string[];
  language: 'de' | 'en';
}

/** Refuses a report whose source the person may not read (the rows would show them more than their own permissions). */
export function checkSourcePermission(report: Pick<SavedReportDto, 'source'>, permissions: readonly string[]): void {
  const permission = SOURCE_PERMISSION[report.source];
  if (!hasPermission(permissions, permission)) throw appError('FORBIDDEN', 'savedReport.sourcePermission', { source: report.source, permission });
}

async function renderFile(em: EntityManager, report: SavedReportDto, format: ReportFormat, language: 'de' | 'en', now: Date) {
  const rows = await reportRows(em, report, now);
  const data = format === 'xlsx' ? await reportXlsx(report.source, report.columns, rows, language) : reportCsv(report.source, report.columns, rows, language);
  return { rows: rows.length, data, fileName: reportFileName(report.name, berlinDay(now), format) };
}

async function storeRun(
  tx: EntityManager,
  storage: FileStorage,
  report: SavedReportDto,
  run: { trigger: 'manual' | 'schedule'; dueAt: Date | null; format: ReportFormat; runById: string | null; file: { rows: number; data: Buffer; fileName: string } },
): Promise<string | null> {
  const id = randomUUID();
  const key = `reports/${report.id}/${id}.${run.format}`;
  const inserted = await tx.execute<Array<{ id: string }>>(
    `insert into saved_report_runs (id, report_id, trigger, due_at, status, format, row_count, file_key, file_name, sha256, size, run_by_id, created_at)
     values (?, ?, ?, ?, 'done', ?, ?, ?, ?, ?, ?, ?, now())
     on conflict (report_id, due_at) where trigger = 'schedule' do nothing returning id`,
    [id, report.id, run.trigger, run.dueAt, run.format, run.file.rows, key, run.file.fileName, createHash('sha256').update(run.file.data).digest('hex'), run.file.data.length, run.runById],
  );
  if (!inserted.length) return null;
  await storage.put(key, run.file.data);
  await tx.execute(`update saved_reports set last_run_at = now() where id = ?`, [report.id]);
  await writeAudit(tx, [{ action: 'create', entity: 'saved_report_run', entityId: id, changes: created({ reportId: report.id, trigger: run.trigger, format: run.format, rowCount: run.file.rows, fileName: run.file.fileName }) }]);
  return id;
}

/** Runs a report now for the person asking; the file is kept with the run and returned. */
export async function runSavedReport(em: EntityManager, storage: FileStorage, input: { id: string; format?: ReportFormat | undefined }, runner: ReportRunner, now = new Date()): Promise<ReportFileDto> {
  const report = await getSavedReport(em, input.id);
  checkSourcePermission(report, runner.permissions);
  const format = input.format ?? report.format;
  const file = await renderFile(em, report, format, runner.language, now);
  const runId = await em.transactional((tx) => storeRun(tx, storage, report, { trigger: 'manual', dueAt: null, format, runById: runner.id, file }));
  return { runId: runId as string, fileName: file.fileName, contentType: CONTENT_TYPES[format], base64: file.data.toString('base64'), rowCount: file.rows };
}

/** A kept run's file again. */
export async function downloadReportRun(em: EntityManager, storage: FileStorage, runId: string, permissions: readonly string[]): Promise<ReportFileDto> {
  const [run] = await em.execute<Array<{ id: string; report_id: string; format: ReportFormat; file_key: string | null; file_name: string | null; row_count: number }>>(
    `select r.id, r.report_id, r.format, r.file_key, r.file_name, r.row_count from saved_report_runs r join saved_reports s on s.id = r.report_id where r.id = ? and s.deleted_at is null`,
    [runId],
  );
  if (!run?.file_key || !run.file_name) throw notFound('Report run', runId);
  checkSourcePermission(await getSavedReport(em, run.report_id), permissions);
  const data = await storage.get(run.file_key);
  return { runId: run.id, fileName: run.file_name, contentType: CONTENT_TYPES[run.format], base64: data.toString('base64'), rowCount: run.row_count };
}

/**
 * The scheduled runs due at `now` (the worker's saved-reports job): each due report is claimed by
 * moving its next run on (so two workers never take the same one), run as its owner with the
 * owner's permissions of today, its file kept, and the owner notified. A run per report and due
 * moment, however often the job is delivered (a unique index decides).
 */
export async function runDueReports(em: EntityManager, storage: FileStorage, now = new Date()): Promise<{ ran: number; failed: number }> {
  const due = await em.execute<Array<{ id: string; next_run_at: Date }>>(
    `select id, next_run_at from saved_reports where deleted_at is null and schedule <> 'none' and next_run_at <= ? order by next_run_at limit 100`,
    [now],
  );
  let ran = 0;
  let failed = 0;
  for (const { id, next_run_at } of due) {
    const report = await getSavedReport(em.fork(), id);
    const dueAt = new Date(next_run_at);
    const claimed = await em.execute<Array<{ id: string }>>(`update saved_reports set next_run_at = ? where id = ? and next_run_at = ? returning id`, [nextRunAt(report.schedule, now), id, dueAt]);
    if (!claimed.length) continue;
    const [owner] = await em.execute<Array<{ permissions: string[] | null; language: 'de' | 'en'; active: boolean }>>(
      `select r.permissions, e.language, (e.deleted_at is null and e.status = 'active') as active from employees e left join roles r on r.id = e.role_id where e.id = ?`,
      [report.ownerId],
    );
    const permissions = owner?.active ? (owner.permissions ?? []) : [];
    try {
      if (!hasPermission(permissions, 'savedReports.manage')) throw appError('FORBIDDEN', 'auth.permissionMissing', { permission: 'savedReports.manage' });
      checkSourcePermission(report, permissions);
      const file = await renderFile(em.fork(), report, report.format, owner?.language ?? 'de', now);
      await em.fork().transactional(async (tx) => {
        const runId = await storeRun(tx, storage, report, { trigger: 'schedule', dueAt, format: report.format, runById: null, file });
        if (!runId) return;
        const [note] = await tx.execute<Array<{ id: string }>>(
          `insert into notifications (id, employee_id, kind, title, body, entity, entity_id, dedupe_key, created_at)
           values (gen_random_uuid(), ?, 'saved_report_ready', ?, ?, null, null, ?, now()) on conflict (dedupe_key) do nothing returning id`,
          [report.ownerId, `Bericht „${report.name}“ ist fertig`, `${file.rows} Zeilen, ${file.fileName}`, `saved-report-${runId}`],
        );
        if (note) enqueue(tx, JOBS.sendNotificationEmail, { notificationId: note.id });
        await tx.flush();
      });
      ran++;
    } catch (error) {
      failed++;
      await em.execute(
        `insert into saved_report_runs (id, report_id, trigger, due_at, status, format, row_count, error, created_at)
         values (gen_random_uuid(), ?, 'schedule', ?, 'failed', ?, 0, ?, now()) on conflict (report_id, due_at) where trigger = 'schedule' do nothing`,
        [id, dueAt, report.format, (error as Error).message.slice(0, 1000)],
      );
    }
  }
  return { ran, failed };
}

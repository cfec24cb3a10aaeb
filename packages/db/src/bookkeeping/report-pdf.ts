import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { berlinDay } from '@workmate/domain/berlin-time';
import { appError } from '@workmate/domain/errors';
import { JOBS, jobIdFor } from '@workmate/domain/jobs';
import type { Language } from '@workmate/domain/enums';
import { LEDGER_PDF_MAX_ROWS, ReportPdfJobPayload, type ReportPdfInput, type ReportPdfSpec } from '@workmate/domain/schemas/bookkeeping-report-pdf';
import type { AccountLedgerDto, BalanceSheetDto, ProfitAndLossDto, TrialBalanceDto, VatReturnDto } from '@workmate/domain/schemas/bookkeeping-reports';
import type { FileStorage } from '../documents/storage.ts';
import { AuditLog } from '../entities/audit-log.ts';
import { StoredDocument } from '../entities/document.ts';
import { enqueue } from '../outbox/outbox.ts';
import type { Actor } from '../shared/actor.ts';
import { loadSettings } from '../core/settings.ts';
import { groupOpenItems, listOpenItems, type OpenItemGroup } from './open-items.ts';
import { accountLedger, balanceSheet, profitAndLoss, trialBalance } from './reports.ts';
import { vatReturn } from './ustva.ts';

/**
 * PDF export of the bookkeeping reports. A request is a job (render-report-pdf) written to the
 * outbox with a fresh request id; the worker renders the report as it stands then and keeps the
 * file as a document of kind `report_pdf` (never listed in the documents module) owned by the
 * requester. Only the requester fetches it; the hourly cleanup removes such files after a day.
 */

export const REPORT_PDF_KIND = 'report_pdf';
const REPORT_PDF_ENTITY = 'bookkeepingReport';
/** Rendered report PDFs are kept this long for their requester to fetch, then removed by the hourly cleanup. */
export const REPORT_PDF_KEEP_HOURS = 24;

/** The report's own range out of a request (no paging fields, no language). */
export function specOf(input: ReportPdfInput): ReportPdfSpec {
  switch (input.report) {
    case 'trialBalance':
    case 'profitAndLoss':
      return { report: input.report, from: input.from, to: input.to };
    case 'accountLedger':
      return { report: input.report, accountId: input.accountId, from: input.from, to: input.to };
    case 'balanceSheet':
      return { report: input.report, date: input.date };
    case 'vatReturn':
      return { report: input.report, year: input.year, ...(input.month ? { month: input.month } : { quarter: input.quarter }) };
    case 'openItems':
      return { report: input.report, side: input.side, ...(input.partyId ? { partyId: input.partyId } : {}), ...(input.asOf ? { asOf: input.asOf } : {}) };
  }
}

/** Refuses a ledger of an unknown account (404 naming accountId) or with more lines than a PDF takes (400 naming from). */
async function checkLedger(em: EntityManager, spec: Extract<ReportPdfSpec, { report: 'accountLedger' }>) {
  const [account] = await em.execute<Array<{ id: string }>>(`select id from ledger_accounts where id = ?`, [spec.accountId]);
  if (!account) throw appError('NOT_FOUND', 'record.notFound', { what: 'Account', id: spec.accountId }, { field: 'accountId' });
  // Counts at most one past the cap, on the (account, date, …) index.
  const [row] = await em.execute<Array<{ n: number }>>(
    `select count(*)::int as n from (select 1 from journal_lines where account_id = ? and entry_date >= ? and entry_date <= ? limit ?) x`,
    [spec.accountId, spec.from, spec.to, LEDGER_PDF_MAX_ROWS + 1],
  );
  if ((row?.n ?? 0) > LEDGER_PDF_MAX_ROWS) throw appError('BAD_REQUEST', 'bookkeeping.tooManyRows', { max: LEDGER_PDF_MAX_ROWS }, { field: 'from' });
}

/** Asks for a report's PDF: checks the range, writes the job to the outbox and the request to the audit trail (an export of the books). */
export async function requestReportPdf(em: EntityManager, actor: Actor & { email?: string; language?: string }, input: ReportPdfInput): Promise<{ requestId: string; status: 'queued' }> {
  const spec = specOf(input);
  if (spec.report === 'accountLedger') await checkLedger(em, spec);
  const language: Language = input.language ?? (actor.language === 'en' ? 'en' : 'de');
  const requestId = randomUUID();
  await em.transactional(async (tx) => {
    enqueue(tx, JOBS.renderReportPdf, { requestId, requestedBy: actor.id, language, spec });
    tx.create(AuditLog, { action: 'access', entity: 'BookkeepingReportPdf', entityId: requestId, actorId: actor.id, actorLabel: actor.email ?? null, changes: { requested: { before: null, after: { ...spec, language } } }, at: new Date() });
    await tx.flush();
  });
  return { requestId, status: 'queued' };
}

export interface ReportPdfFile {
  fileName: string;
  sha256: string;
  size: number;
  storageKey: string;
}

/**
 * The request's stored file (null while not rendered yet) and its job id. Someone else's request,
 * or one that never was (or was cleaned up), is not found: 404 naming requestId.
 */
export async function findReportPdf(em: EntityManager, actor: Actor, requestId: string): Promise<{ file: ReportPdfFile | null; jobId: string }> {
  const jobId = `report-pdf-${requestId}`;
  const doc = await em.fork().findOne(StoredDocument, { kind: REPORT_PDF_KIND, entity: REPORT_PDF_ENTITY, entityId: requestId });
  const missing = () => appError('NOT_FOUND', 'record.notFound', { what: 'Report PDF', id: requestId }, { field: 'requestId' });
  if (doc) {
    if ((doc.owner as { id: string } | null)?.id !== actor.id) throw missing();
    return { file: { fileName: doc.fileName, sha256: doc.sha256, size: Number(doc.sizeBytes), storageKey: doc.storageKey }, jobId };
  }
  const [row] = await em.execute<Array<{ payload: unknown }>>(`select payload from outbox where job_id = ? and name = ?`, [jobId, JOBS.renderReportPdf.name]);
  const payload = ReportPdfJobPayload.safeParse(row?.payload);
  if (!payload.success || payload.data.requestedBy !== actor.id) throw missing();
  return { file: null, jobId: jobIdFor(JOBS.renderReportPdf, payload.data) };
}

/** Everything the printed report shows: the company, the report's figures, when it was made. */
export type ReportPdfModel = {
  language: Language;
  companyName: string;
  /** When the figures were read (UTC ISO); printed in Europe/Berlin time. */
  generatedAt: string;
  fileName: string;
} & (
  | { report: 'trialBalance'; data: TrialBalanceDto }
  | { report: 'profitAndLoss'; data: ProfitAndLossDto }
  | { report: 'balanceSheet'; data: BalanceSheetDto }
  | { report: 'vatReturn'; data: VatReturnDto; period: { month?: number; quarter?: number } }
  | { report: 'accountLedger'; data: AccountLedgerDto & { from: string; to: string; closing: string } }
  | { report: 'openItems'; data: { side: 'debtor' | 'creditor'; asOf: string; groups: OpenItemGroup[]; total: string } }
);

const FILE_NAMES = {
  trialBalance: { de: 'Summen-und-Saldenliste', en: 'Trial-balance' },
  profitAndLoss: { de: 'GuV', en: 'Profit-and-loss' },
  balanceSheet: { de: 'Bilanz', en: 'Balance-sheet' },
  vatReturn: { de: 'UStVA', en: 'VAT-return' },
  accountLedger: { de: 'Kontoblatt', en: 'Account-ledger' },
  openItems: { de: 'OP-Liste', en: 'Open-items' },
} as const;

/** Reads the report as it stands now (the ledger whole, up to the cap). */
export async function loadReportPdfModel(em: EntityManager, payload: ReportPdfJobPayload): Promise<ReportPdfModel> {
  const { spec, language } = payload;
  const settings = await loadSettings(em);
  const base = { language, companyName: settings.companyName, generatedAt: new Date().toISOString() };
  const name = (suffix: string) => `${FILE_NAMES[spec.report][language]}_${suffix}.pdf`;
  switch (spec.report) {
    case 'trialBalance':
      return { ...base, report: spec.report, fileName: name(`${spec.from}_${spec.to}`), data: await trialBalance(em, spec) };
    case 'profitAndLoss':
      return { ...base, report: spec.report, fileName: name(`${spec.from}_${spec.to}`), data: await profitAndLoss(em, spec) };
    case 'balanceSheet':
      return { ...base, report: spec.report, fileName: name(spec.date), data: await balanceSheet(em, spec) };
    case 'vatReturn': {
      const period = spec.month ? { month: spec.month } : { quarter: spec.quarter ?? 1 };
      const suffix = period.month ? `${spec.year}-${String(period.month).padStart(2, '0')}` : `${spec.year}-Q${period.quarter}`;
      return { ...base, report: spec.report, fileName: name(suffix), data: await vatReturn(em, { year: spec.year, ...period }), period };
    }
    case 'accountLedger': {
      const first = await accountLedger(em, { ...spec, cursor: null, pageSize: 500 });
      const rows = [...first.rows];
      for (let cursor = first.nextCursor; cursor; ) {
        if (rows.length >= LEDGER_PDF_MAX_ROWS) throw appError('BAD_REQUEST', 'bookkeeping.tooManyRows', { max: LEDGER_PDF_MAX_ROWS }, { field: 'from' });
        const page = await accountLedger(em, { ...spec, cursor, pageSize: 500 });
        rows.push(...page.rows);
        cursor = page.nextCursor;
      }
      const closing = rows[rows.length - 1]?.balance ?? first.opening;
      return { ...base, report: spec.report, fileName: name(`${first.account.number}_${spec.from}_${spec.to}`), data: { ...first, rows, nextCursor: null, from: spec.from, to: spec.to, closing } };
    }
    case 'openItems': {
      // At the as-of date asked for, else as the journal stands (the Berlin day it was made); the file is named after that day.
      const asOf = spec.asOf ?? berlinDay(base.generatedAt);
      const list = await listOpenItems(em, { side: spec.side, ...(spec.partyId ? { partyId: spec.partyId } : {}), includeSettled: false, ...(spec.asOf ? { asOf: spec.asOf } : {}) });
      const side = { debtor: { de: 'Debitoren', en: 'debtors' }, creditor: { de: 'Kreditoren', en: 'creditors' } }[spec.side][language];
      return { ...base, report: spec.report, fileName: name(`${side}_${asOf}`), data: { side: spec.side, asOf, groups: groupOpenItems(list), total: list.total } };
    }
  }
}

/** Whether the request's PDF is stored already (a retried job then does nothing). */
export async function reportPdfStored(em: EntityManager, requestId: string): Promise<boolean> {
  return (await em.count(StoredDocument, { kind: REPORT_PDF_KIND, entity: REPORT_PDF_ENTITY, entityId: requestId })) > 0;
}

/** Keeps the rendered PDF for its requester, once per request: the file first, then its row (a crash leaves at most a stray file). */
export async function storeReportPdf(em: EntityManager, storage: FileStorage, payload: ReportPdfJobPayload, fileName: string, pdf: Buffer): Promise<{ stored: boolean }> {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const key = `reports/${payload.requestId}/${sha256}.pdf`;
  await storage.put(key, pdf);
  return em.transactional(async (tx) => {
    // The request id is unique: one row per request (a lock on it makes two finishing runs agree).
    await tx.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`report-pdf-${payload.requestId}`]);
    if (await reportPdfStored(tx, payload.requestId)) return { stored: false };
    tx.create(StoredDocument, {
      kind: REPORT_PDF_KIND,
      fileName,
      category: 'report',
      mimeType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256,
      storageKey: key,
      owner: payload.requestedBy,
      entity: REPORT_PDF_ENTITY,
      entityId: payload.requestId,
    });
    await tx.flush();
    return { stored: true };
  });
}

/** Removes report PDFs older than REPORT_PDF_KEEP_HOURS (rows and files); returns how many. */
export async function pruneReportPdfs(em: EntityManager, storage: FileStorage, keepHours = REPORT_PDF_KEEP_HOURS): Promise<number> {
  const rows = await em.execute<Array<{ id: string; entity_id: string; storage_key: string }>>(
    `delete from documents where kind = ? and created_at < now() - make_interval(hours => ?) returning id, entity_id, storage_key`,
    [REPORT_PDF_KIND, keepHours],
  );
  for (const row of rows) await storage.remove(row.storage_key).catch(() => undefined);
  // Their jobs' outbox rows go too, so asking for a removed PDF is "not found", not "queued" again.
  if (rows.length > 0) await em.execute(`delete from outbox where name = ? and job_id in (?)`, [JOBS.renderReportPdf.name, rows.map((r) => `report-pdf-${r.entity_id}`)]);
  return rows.length;
}

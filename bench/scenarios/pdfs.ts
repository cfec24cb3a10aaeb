// Invoice PDFs: the worker path from job to stored file against bare Chromium page.pdf() of the
// same HTML with a warm page. The documents queue is paused while the invoices are finalized, so
// the jobs wait in Redis; the clock starts when it resumes and stops when the last PDF is stored
// (rendered, sha256, written to the file store, document row, invoice linked).
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { chromium } from 'playwright-core';
import { buildPrintModel } from '@workmate/db/invoices/document-model';
import { QUEUES } from '@workmate/domain/jobs';
import { pageFooterTemplate } from '@workmate/worker/pdf/page-footer';
import { LAUNCH_ARGS, MARGIN } from '@workmate/worker/pdf/renderer';
import { renderInvoiceHtml } from '@workmate/worker/pdf/template';
import { BENCH_QUEUE_PREFIX } from '../lib/api.ts';
import type { BenchContext, Result } from '../lib/context.ts';
import { round, startChild } from '../lib/measure.ts';

const PDFS = Number(process.env.BENCH_PDFS ?? 100);

export async function invoicePdfs(ctx: BenchContext, log: (line: string) => void): Promise<Result[]> {
  const worker = ctx.processes.get('worker process') ?? (await startChild('apps/worker/src/main.ts', { ...ctx.processEnv, WORKER_HEARTBEAT_KEY: 'workmate:bench:heartbeat' }, /running/));
  ctx.processes.set('worker process', worker);
  const { client, orm } = ctx;
  const customer = await client.crm.customers.create.mutate({ name: 'PDF-Kunde GmbH', street: 'Domstraße 5', zipCode: '50667', city: 'Köln' });
  const lines = Array.from({ length: 20 }, (_, i) => ({ description: `Leistungsposition ${i + 1}: Beratung und Umsetzung`, quantity: String(1 + (i % 5)), unit: 'Std.', unitPrice: '95.00', taxRate: (i % 4 === 0 ? 7 : 19) as 7 | 19 }));
  const drafts = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await client.invoices.create.mutate({ customerId: customer.id, serviceDate: '2026-11-02', lines })).id);
    return ids;
  };
  const stored = async (ids: string[]) => Number((await ctx.raw.query(`select count(*) as n from invoices where id = any($1::uuid[]) and pdf_document_id is not null`, [ids])).rows[0].n);
  const waitStored = async (ids: string[]) => {
    const deadline = Date.now() + 300_000;
    while ((await stored(ids)) < ids.length) {
      if (Date.now() > deadline) throw new Error('The worker did not store every PDF within 5 minutes');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  // Warm-up: Chromium's pages and the code paths.
  const warm = await drafts(6);
  await Promise.all(warm.map((id) => client.invoices.finalize.mutate({ id })));
  await waitStored(warm);

  const connection = new Redis(ctx.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUES.documents, { connection, prefix: BENCH_QUEUE_PREFIX });
  const ids = await drafts(PDFS);
  await queue.pause();
  let ours: number;
  try {
    for (const id of ids) await client.invoices.finalize.mutate({ id });
    // Every job has left the outbox and waits in the queue.
    while ((await queue.getWaitingCount()) < PDFS) await new Promise((r) => setTimeout(r, 20));
    const t0 = performance.now();
    await queue.resume();
    await waitStored(ids);
    ours = PDFS / ((performance.now() - t0) / 1000);
  } finally {
    await queue.resume();
    await queue.close();
    connection.disconnect();
  }

  // The limit: the same document's HTML, printed with the same options on one warm page.
  const model = await buildPrintModel(orm.em.fork(), ids[0] as string);
  const html = renderInvoiceHtml(model);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: LAUNCH_ARGS });
  let bare: number;
  try {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    const print = async () => {
      await page.setContent(html, { waitUntil: 'load' });
      await page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: pageFooterTemplate(model.language), margin: MARGIN });
    };
    for (let i = 0; i < 6; i++) await print();
    const t0 = performance.now();
    for (let i = 0; i < PDFS; i++) await print();
    bare = PDFS / ((performance.now() - t0) / 1000);
  } finally {
    await browser.close();
  }
  const ratio = ours / bare;
  log(`  ${PDFS} PDFs of 20 lines: worker ${ours.toFixed(1)}/s, bare Chromium ${bare.toFixed(1)}/s → ${ratio.toFixed(2)}×`);
  return [
    {
      id: 'invoice-pdfs',
      scenario: `invoice PDFs: ${PDFS} invoices of 20 lines`,
      ours: { what: 'worker: job → Chromium → sha256 → file → document row', throughput: round(ours), unit: 'PDFs' },
      limit: { what: 'bare Chromium page.pdf() of the same HTML, one warm page', throughput: round(bare), unit: 'PDFs' },
      compares: 'throughput',
      ratio: round(ratio, 3),
      goal: 'throughput ≥ 0.8×',
      met: ratio >= 0.8,
    },
  ];
}

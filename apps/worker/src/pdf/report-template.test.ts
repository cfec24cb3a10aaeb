import { describe, expect, it } from 'vitest';
import type { ReportPdfModel } from '@workmate/db/bookkeeping/report-pdf';
import { renderReportHtml, reportFooterTemplate, reportViewOf } from './report-template.ts';

const trialBalance = (language: 'de' | 'en', generatedAt: string): ReportPdfModel => ({
  language,
  companyName: 'Kessler <IT> & Co',
  generatedAt,
  fileName: 'x.pdf',
  report: 'trialBalance',
  data: {
    from: '2026-01-01',
    to: '2026-06-30',
    rows: [{ accountId: 'a', number: 1200, name: 'Bank', type: 'asset', opening: '0.00', debit: '1234567.89', credit: '0.05', closing: '1234567.84' }],
    totals: { opening: '0.00', debit: '1234567.89', credit: '1234567.89', closing: '0.00' },
  },
});

describe('printed bookkeeping reports', () => {
  it('prints the generation time in Europe/Berlin (summer and winter time)', () => {
    expect(reportViewOf(trialBalance('de', '2026-07-01T22:30:00.000Z')).generated).toBe('Erstellt am 02.07.2026 um 00:30 Uhr (Europe/Berlin)');
    expect(reportViewOf(trialBalance('de', '2026-12-31T23:15:00.000Z')).generated).toBe('Erstellt am 01.01.2027 um 00:15 Uhr (Europe/Berlin)');
  });

  it('prints amounts de-DE to the cent from the decimal strings, also under English labels', () => {
    for (const language of ['de', 'en'] as const) {
      const cells = reportViewOf(trialBalance(language, '2026-07-01T10:00:00Z')).tables[0]?.rows[0]?.cells.map((c) => c.text);
      expect(cells).toEqual(['1200', 'Bank', '0,00', '1.234.567,89', '0,05', '1.234.567,84']);
    }
    expect(reportViewOf(trialBalance('en', '2026-07-01T10:00:00Z'))).toMatchObject({ title: 'Trial balance', period: 'Period 1 Jan 2026 to 30 Jun 2026' });
  });

  it('escapes every value in the page and in the footer', () => {
    const view = reportViewOf(trialBalance('de', '2026-07-01T10:00:00Z'));
    expect(renderReportHtml(view)).toContain('Kessler &lt;IT&gt; &amp; Co');
    expect(renderReportHtml(view)).not.toContain('<IT>');
    const footer = reportFooterTemplate(view);
    expect(footer).toContain('Kessler &#60;IT&#62; &#38; Co');
    expect(footer).toContain('Seite <span class="pageNumber"></span> von <span class="totalPages"></span>');
  });
});

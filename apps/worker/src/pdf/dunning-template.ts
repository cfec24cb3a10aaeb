import type { NoticeDocumentModel } from '@workmate/db/dunning/document';
import { formatDate, formatMoney, formatTaxRate } from './format.ts';

/** The printed dunning notice: a one-page letter in the notice's language. Every value is HTML-escaped. */
const esc = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const WORDS = {
  de: {
    greeting: 'Sehr geehrte Damen und Herren,',
    invoice: 'Rechnung',
    of: 'vom',
    due: 'fällig am',
    outstanding: 'Offener Rechnungsbetrag',
    interest: 'Verzugszinsen (§ 288 BGB)',
    interestLine: (from: string, to: string, days: number, rate: string, principal: string) => `${from} – ${to}: ${days} Tage zu ${rate} p. a. auf ${principal}`,
    levelFee: 'Mahngebühr',
    flatFee: 'Verzugspauschale (§ 288 Abs. 5 BGB)',
    total: 'Zu zahlender Betrag',
    number: 'Nr.',
    date: 'Datum',
    iban: 'Bitte überweisen Sie auf',
    reference: 'Verwendungszweck',
    closing: 'Mit freundlichen Grüßen',
  },
  en: {
    greeting: 'Dear Sir or Madam,',
    invoice: 'Invoice',
    of: 'of',
    due: 'due on',
    outstanding: 'Amount outstanding',
    interest: 'Default interest (§ 288 BGB)',
    interestLine: (from: string, to: string, days: number, rate: string, principal: string) => `${from} – ${to}: ${days} days at ${rate} p.a. on ${principal}`,
    levelFee: 'Dunning fee',
    flatFee: 'Flat-rate default charge (§ 288(5) BGB)',
    total: 'Amount to pay',
    number: 'No.',
    date: 'Date',
    iban: 'Please transfer to',
    reference: 'Reference',
    closing: 'Kind regards',
  },
} as const;

export function renderDunningHtml(m: NoticeDocumentModel): string {
  const w = WORDS[m.language];
  const money = (v: string) => esc(formatMoney(v, m.language));
  const date = (v: string | null) => (v ? esc(formatDate(v, m.language)) : '');
  const row = (label: string, value: string, strong = false) =>
    `<tr${strong ? ' class="total"' : ''}><td>${esc(label)}</td><td class="amount">${value}</td></tr>`;
  const periods = m.interestPeriods
    .map((p) => `<tr class="detail"><td>${esc(w.interestLine(formatDate(p.from, m.language), formatDate(p.to, m.language), p.days, formatTaxRate(p.ratePercent, m.language), formatMoney(p.principal, m.language)))}</td><td></td></tr>`)
    .join('');
  const s = m.seller;
  const b = m.buyer;
  return `<!doctype html><html lang="${m.language}"><head><meta charset="utf-8"><style>
    body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; padding: 0 20mm; color: #111; }
    .sender { font-size: 7pt; color: #555; margin-top: 20mm; }
    .address { margin-top: 3mm; min-height: 30mm; white-space: pre-line; }
    .meta { text-align: right; }
    h1 { font-size: 14pt; margin: 8mm 0 4mm; }
    table { width: 100%; border-collapse: collapse; margin: 4mm 0; }
    td { padding: 1.5mm 0; } .amount { text-align: right; white-space: nowrap; }
    tr.total td { border-top: 1px solid #111; font-weight: bold; } tr.detail td { font-size: 8pt; color: #444; padding-left: 4mm; }
    p { white-space: pre-line; }
  </style></head><body>
    <div class="sender">${esc([s.companyName, s.street, [s.zipCode, s.city].filter(Boolean).join(' ')].filter(Boolean).join(' · '))}</div>
    <div class="address">${esc([b.name, b.street, [b.zipCode, b.city].filter(Boolean).join(' ')].filter(Boolean).join('\n'))}</div>
    <div class="meta">${esc(w.number)} ${esc(m.number)}<br>${esc(w.date)}: ${date(m.noticeDate)}</div>
    <h1>${esc(m.title)}</h1>
    <p>${esc(w.greeting)}</p>
    <p>${esc(m.text)}</p>
    <table>
      ${row(`${w.invoice} ${m.invoice.number} ${w.of} ${m.invoice.issueDate ? formatDate(m.invoice.issueDate, m.language) : ''}, ${w.due} ${m.invoice.dueDate ? formatDate(m.invoice.dueDate, m.language) : ''}`, '')}
      ${row(w.outstanding, money(m.outstanding))}
      ${m.interest !== '0.00' ? row(w.interest, money(m.interest)) + periods : ''}
      ${m.levelFee !== '0.00' ? row(w.levelFee, money(m.levelFee)) : ''}
      ${m.flatFee !== '0.00' ? row(w.flatFee, money(m.flatFee)) : ''}
      ${row(w.total, money(m.total), true)}
    </table>
    ${s.iban ? `<p>${esc(w.iban)}: ${esc(s.iban)} · ${esc(w.reference)}: ${esc(m.invoice.number)} / ${esc(m.number)}</p>` : ''}
    <p>${esc(w.closing)}<br>${esc(s.companyName)}</p>
  </body></html>`;
}

/** Subject and plain-text body of the notice's email (the PDF is attached). */
export function renderDunningEmail(m: NoticeDocumentModel): { subject: string; text: string } {
  const w = WORDS[m.language];
  const company = m.seller.companyName ?? '';
  const subject = `${m.title} ${m.number} – ${w.invoice} ${m.invoice.number}`;
  const text = `${w.greeting}\n\n${m.text}\n\n${w.total}: ${formatMoney(m.total, m.language)}\n\n${w.closing}\n${company}\n`;
  return { subject, text };
}

import type { StockDocumentModel } from '@workmate/db/inventory/documents';
import { formatDate, formatMoney, formatQuantity, formatTaxRate } from './format.ts';

/** The printed order confirmation (Auftragsbestätigung) or delivery note (Lieferschein), in German. Every value is HTML-escaped. */
const esc = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderStockDocumentHtml(m: StockDocumentModel): string {
  const confirmation = m.kind === 'orderConfirmation';
  const title = confirmation ? 'Auftragsbestätigung' : 'Lieferschein';
  const s = m.seller;
  const b = m.buyer;
  const money = (v: string) => esc(formatMoney(v, 'de'));
  const head = confirmation
    ? '<th>Pos.</th><th>Artikel</th><th class="num">Menge</th><th class="num">Einzelpreis</th><th class="num">USt.</th><th class="num">Netto</th>'
    : '<th>Pos.</th><th>Artikel</th><th class="num">Menge</th>';
  const rows = m.lines
    .map((l) => {
      const quantity = `${esc(formatQuantity(l.quantity, 'de'))} ${esc(l.unit)}`;
      return confirmation
        ? `<tr><td>${l.position}</td><td>${esc(l.description)}</td><td class="num">${quantity}</td><td class="num">${money(l.unitPrice ?? '0')}</td><td class="num">${esc(formatTaxRate(l.vatRate ?? '0', 'de'))}</td><td class="num">${money(l.netAmount ?? '0')}</td></tr>`
        : `<tr><td>${l.position}</td><td>${esc(l.description)}</td><td class="num">${quantity}</td></tr>`;
    })
    .join('');
  const totals = m.totals
    ? `<table class="totals"><tr><td>Summe netto</td><td class="num">${money(m.totals.net)}</td></tr>${m.totals.vat
        .map((v) => `<tr><td>USt. ${esc(formatTaxRate(v.rate, 'de'))}</td><td class="num">${money(v.amount)}</td></tr>`)
        .join('')}<tr class="total"><td>Gesamtbetrag</td><td class="num">${money(m.totals.gross)}</td></tr></table>`
    : '';
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><style>
    body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; padding: 0 20mm; color: #111; }
    .sender { font-size: 7pt; color: #555; margin-top: 20mm; }
    .address { margin-top: 3mm; min-height: 30mm; white-space: pre-line; }
    .meta { text-align: right; }
    h1 { font-size: 14pt; margin: 8mm 0 4mm; }
    table { width: 100%; border-collapse: collapse; margin: 4mm 0; }
    th, td { padding: 1.5mm 1mm; text-align: left; vertical-align: top; } th { border-bottom: 1px solid #111; }
    .num { text-align: right; white-space: nowrap; }
    .totals { width: 50%; margin-left: 50%; } tr.total td { border-top: 1px solid #111; font-weight: bold; }
  </style></head><body>
    <div class="sender">${esc([s.name, s.street, [s.zipCode, s.city].filter(Boolean).join(' ')].filter(Boolean).join(' · '))}</div>
    <div class="address">${esc([b.name, b.street, [b.zipCode, b.city].filter(Boolean).join(' ')].filter(Boolean).join('\n'))}</div>
    <div class="meta">Nr. ${esc(m.number)}<br>Datum: ${esc(formatDate(m.date, 'de'))}<br>Kundennr. ${esc(b.customerNumber)}${confirmation ? '' : `<br>Auftrag ${esc(m.orderNumber)}`}</div>
    <h1>${title} ${esc(m.number)}</h1>
    <p>${confirmation ? 'Vielen Dank für Ihren Auftrag. Wir bestätigen ihn wie folgt:' : 'Wir liefern Ihnen heute:'}</p>
    <table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>
    ${totals}
    ${s.vatId ? `<p class="sender">USt-IdNr. ${esc(s.vatId)}</p>` : ''}
  </body></html>`;
}

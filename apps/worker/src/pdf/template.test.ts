import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleInvoiceModel } from './sample-model.ts';
import { renderInvoiceHtml } from './template.ts';

const dir = mkdtempSync(join(tmpdir(), 'workmate-template-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('invoice HTML', () => {
  it('shows the mandatory content in German', () => {
    const html = renderInvoiceHtml({ ...sampleInvoiceModel('de'), draft: false });
    for (const text of ['RE-2026-0042', '20.11.2026', '01.10.2026 – 31.10.2026', '04.12.2026', 'K-10023', 'DE123456789', '37/123/45678', 'DE89370400440532013000', 'COBADEFFXXX']) {
      expect(html).toContain(text);
    }
    expect(html).toContain('zzgl. 19 % USt. auf 2.775,00 €');
    expect(html).toContain('zzgl. 7 % USt. auf 104,70 €');
    expect(html).toContain('3.414,28 €');
    expect(html).toContain('Zahlbar innerhalb von 14 Tagen ohne Abzug.');
  });

  it('speaks English with English formats', () => {
    const html = renderInvoiceHtml({ ...sampleInvoiceModel('en'), draft: false });
    expect(html).toContain('Invoice date');
    expect(html).toContain('1 Oct 2026 – 31 Oct 2026');
    expect(html).toContain('plus 19% VAT on €2,775.00');
    expect(html).toContain('€3,414.28');
    expect(html).not.toContain('Rechnung');
  });

  it('refers a cancellation to the invoice it cancels', () => {
    expect(renderInvoiceHtml({ ...sampleInvoiceModel('de', 'cancellation'), draft: false })).toContain('Stornorechnung zu Rechnung RE-2026-0042 vom 20.11.2026');
    expect(renderInvoiceHtml({ ...sampleInvoiceModel('en', 'cancellation'), draft: false })).toContain('Cancellation of invoice RE-2026-0042 dated 20 Nov 2026');
  });

  it('marks a draft and hides its number', () => {
    const html = renderInvoiceHtml({ ...sampleInvoiceModel('de'), draft: true });
    expect(html).toContain('ENTWURF');
    expect(html).not.toContain('RE-2026-0042');
  });

  it('shows no VAT for a small business, and the buyer VAT ID and note for reverse charge', () => {
    const small = renderInvoiceHtml({ ...sampleInvoiceModel('de', 'small-business'), draft: false });
    expect(small).not.toContain('USt. auf');
    expect(small).toContain('§ 19 UStG');
    const reverse = renderInvoiceHtml({ ...sampleInvoiceModel('de', 'reverse-charge'), draft: false });
    expect(reverse).toContain('ATU12345678');
    expect(reverse).toContain('Steuerschuldnerschaft des Leistungsempfängers');
  });

  it('escapes every text from the model', () => {
    const model = sampleInvoiceModel('de');
    const evil = '<script>alert(1)</script>{{labels.draft}}';
    const first = model.items[0];
    if (!first) throw new Error('sample has no items');
    const html = renderInvoiceHtml({
      ...model,
      buyer: { ...model.buyer, name: evil },
      items: [{ ...first, description: evil }],
      paymentTerms: '"><img src=x onerror=alert(1)>',
      seller: { ...model.seller, logoDataUrl: 'javascript:alert(1)' },
      draft: false,
    });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('{{labels.draft}}');
  });

  it('uses a template from another path, compiled once', () => {
    const path = join(dir, 'custom.hbs');
    writeFileSync(path, '<p>{{lookup labels.title kind}} {{displayNumber}} {{money grossTotal}}</p>');
    const model = { ...sampleInvoiceModel('de'), draft: false };
    expect(renderInvoiceHtml(model, path)).toBe('<p>Rechnung RE-2026-0042 3.414,28 €</p>');
    writeFileSync(path, 'changed');
    expect(renderInvoiceHtml(model, path)).toBe('<p>Rechnung RE-2026-0042 3.414,28 €</p>');
  });

  it('fails on a field a custom template misspells', () => {
    const path = join(dir, 'typo.hbs');
    writeFileSync(path, '{{grossTotl}}');
    expect(() => renderInvoiceHtml({ ...sampleInvoiceModel('de'), draft: false }, path)).toThrow(/grossTotl/);
  });

  it('draws the GiroCode of a payable invoice as an SVG image with its caption, never on a draft or without a code', () => {
    const html = renderInvoiceHtml({ ...sampleInvoiceModel('de'), draft: false });
    expect(html).toMatch(/<div class="girocode"><img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/]+(?:&#x3D;)*" alt="GiroCode"><div>Bezahlen mit GiroCode<\/div><\/div>/);
    expect(renderInvoiceHtml({ ...sampleInvoiceModel('en'), draft: false })).toContain('Pay with GiroCode');
    expect(renderInvoiceHtml({ ...sampleInvoiceModel('de'), draft: true })).not.toContain('class="girocode"');
    expect(renderInvoiceHtml({ ...sampleInvoiceModel('de'), girocode: null, draft: false })).not.toContain('class="girocode"');
    for (const variant of ['quote', 'cancellation'] as const) {
      expect(sampleInvoiceModel('de', variant).girocode).toBeNull();
      expect(renderInvoiceHtml({ ...sampleInvoiceModel('de', variant), draft: false })).not.toContain('class="girocode"');
    }
  });
});

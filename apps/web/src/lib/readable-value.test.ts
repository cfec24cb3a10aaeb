import { describe, expect, it } from 'vitest';
import { formattersFor } from '../i18n/i18n.tsx';
import { systemMessageText } from '../modules/chat/system-text.ts';
import { actorName, fieldLabel, readableRecord, readableValue, type ValueFormatters } from './readable-value.ts';

const de = formattersFor('de');
const en = formattersFor('en');
const names = { '3f2504e0-4f89-41d3-9a0c-0305e82c3301': 'Anna Becker' };
const f: ValueFormatters = { ...de, names };

describe('readable values in audit and history views', () => {
  it('shows enum codes through the status labels of their entity', () => {
    expect(readableValue('project', 'status', 'on_hold', f)).toBe('Pausiert');
    expect(readableValue('invoice', 'status', 'partially_paid', f)).toBe('Teilweise bezahlt');
    expect(readableValue('customer', 'status', 'active', f)).toBe('Aktiv');
    expect(readableValue('payment', 'method', 'bank_transfer', f)).toBe(de.tOr('paymentMethod.bank_transfer', 'x'));
    expect(readableValue('timeEntry', 'taskType', 'meeting', f)).toBe('Besprechung');
    expect(readableValue('project', 'status', 'on_hold', { ...en, names })).toBe('On hold');
  });

  it('shows amounts as German money, exactly from the decimal string', () => {
    expect(readableValue('invoice', 'grossTotal', '2515.36', f)).toBe('2.515,36 €');
    expect(readableValue('project', 'budget', '1000000.10', f)).toBe('1.000.000,10 €');
    // Not money: a quantity or a rate in percent keeps its number.
    expect(readableValue('invoiceLine', 'quantity', '2.50', f)).toBe('2.50');
  });

  it('shows instants in Berlin time as dd.mm.yyyy hh:mm and calendar dates without a shift', () => {
    expect(readableValue('project', 'deletedAt', '2026-07-01T22:30:00.000Z', f)).toBe('02.07.2026, 00:30');
    expect(readableValue('project', 'deletedAt', '2026-01-15T08:05:00Z', f)).toBe('15.01.2026, 09:05');
    expect(readableValue('project', 'startDate', '2026-03-31', f)).toBe('31.03.2026');
  });

  it('resolves ids to names where known and shows "—" otherwise', () => {
    expect(readableValue('project', 'projectManager', '3f2504e0-4f89-41d3-9a0c-0305e82c3301', f)).toBe('Anna Becker');
    expect(readableValue('project', 'customer', '9b2504e0-4f89-41d3-9a0c-0305e82c3309', f)).toBe('—');
    expect(readableValue('project', 'customer', null, f)).toBe('—');
  });

  it('shows objects and JSON text as labelled field: value lists', () => {
    const buyer = { name: 'Müller GmbH', city: 'Köln', vatId: 'DE123456789', zip: '' };
    expect(readableRecord('invoice', buyer, f)).toBe('Name: Müller GmbH, Ort: Köln, USt-IdNr.: DE123456789');
    expect(readableValue('invoice', 'buyer', JSON.stringify(buyer), f)).toBe('Name: Müller GmbH, Ort: Köln, USt-IdNr.: DE123456789');
    expect(readableValue('invoice', 'buyer', JSON.stringify(buyer), f)).not.toContain('{');
  });

  it('words booleans, hidden secrets and field names', () => {
    expect(readableValue('timeEntry', 'billable', true, f)).toBe('Ja');
    expect(readableValue('employee', 'passwordHash', '(hidden)', f)).toBe('(verborgen)');
    expect(fieldLabel('project', 'status', de.tOr)).toBe('Status');
    expect(fieldLabel('project', 'deletedAt', de.tOr)).toBe('Gelöscht am');
  });

  it('names background jobs and the system "System"', () => {
    expect(actorName('worker', 'System')).toBe('System');
    expect(actorName('system', 'System')).toBe('System');
    expect(actorName(null, 'System')).toBe('System');
    expect(actorName('Anna Becker', 'System')).toBe('Anna Becker');
    expect(actorName('demo data', 'System', 'Demodaten')).toBe('Demodaten');
  });

  it('labels archived files and their fields instead of showing code names', () => {
    expect(readableValue('storedDocument', 'kind', 'invoice_pdf', f)).toBe('Rechnungs-PDF');
    expect(fieldLabel('documentVersion', 'sha256', de.tOr)).toBe('Prüfsumme (SHA-256)');
    expect(fieldLabel('dashboard', 'owner', de.tOr)).toBe('Besitzer/in');
    for (const entity of ['dashboard', 'documentVersion', 'storedDocument']) expect(de.tOr(`entity.${entity}`, entity)).not.toBe(entity);
  });
});

describe('chat system messages', () => {
  it('are worded from code and parameters, with status labels and German money', () => {
    expect(systemMessageText({ code: 'project.status', params: { before: 'active', after: 'on_hold' } }, de)).toBe('Projektstatus geändert: Aktiv → Pausiert');
    expect(systemMessageText({ code: 'invoice.finalized', params: { number: 'RE-2026-0001', gross: '2515.36' } }, de)).toBe('Rechnung RE-2026-0001 festgeschrieben (2.515,36 €)');
    expect(systemMessageText({ code: 'budget.80', params: { used: '83.33', budget: '100.00' } }, de)).toBe('Budget zu 80 % verbraucht (83,33 € von 100,00 €)');
    expect(systemMessageText({ code: 'invoice.finalized', params: { number: 'RE-1', gross: '2515.36' } }, en)).toBe('Invoice RE-1 finalised (€2,515.36)');
  });

  it('yields nothing for a code it does not know, so the stored text is shown', () => {
    expect(systemMessageText({ code: 'something.new', params: {} } as never, de)).toBeNull();
  });
});

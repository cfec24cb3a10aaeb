import type { EntityManager } from '@mikro-orm/postgresql';
import { runAs } from '../shared/actor.ts';
import { loadSettings } from '../core/settings.ts';
import { createActivity } from '../crm/activities.ts';
import { Department } from '../entities/department.ts';
import { Employee } from '../entities/employee.ts';
import { TimeEntry } from '../entities/time-entry.ts';
import { createInvoice } from '../invoices/drafts.ts';
import { markSent } from '../invoices/finalize.ts';
import { createFromTimeEntries } from '../invoices/from-time.ts';
import { addPayment } from '../invoices/payments.ts';
import { getInvoice } from '../invoices/queries.ts';
import { setStatus } from '../invoices/status.ts';
import { createProject } from '../projects/projects.ts';
import { Project } from '../entities/project.ts';
import { seedContact, seedCustomer, seedEmployee } from './builders.ts';
import { seedSystemRoles } from './roles.ts';
import { createOpportunity, moveOpportunity } from '../sales/opportunities.ts';
import { createTicket, replyToTicket, setTicketStatus } from '../service/tickets.ts';
import { addDays, berlinDay } from '@workmate/domain/berlin-time';

export const DEMO_PASSWORD = 'workmate-demo';
export const DEMO_ADMIN_EMAIL = 'admin@workmate.demo';

const CUSTOMERS = [
  { name: 'Bäckerei Sonnenschein GmbH', city: 'München', zipCode: '80331', street: 'Marienplatz 3', status: 'active', contact: ['Anna', 'Huber', 'Geschäftsführerin'] },
  { name: 'Müller & Söhne Bau KG', city: 'Augsburg', zipCode: '86150', street: 'Maximilianstraße 12', status: 'active', contact: ['Thomas', 'Müller', 'Bauleiter'] },
  { name: 'Praxis Dr. Weber', city: 'Regensburg', zipCode: '93047', street: 'Domplatz 5', status: 'active', type: 'individual', contact: ['Julia', 'Weber', 'Praxisinhaberin'] },
  { name: 'Stadtwerke Landshut', city: 'Landshut', zipCode: '84028', street: 'Altstadt 1', status: 'active', type: 'government', contact: ['Michael', 'Schmid', 'IT-Leiter'] },
  { name: 'Autohaus Brandl', city: 'Rosenheim', zipCode: '83022', street: 'Kufsteiner Straße 40', status: 'lead', contact: ['Sabine', 'Brandl', 'Inhaberin'] },
  { name: 'Kanzlei Fischer Rechtsanwälte', city: 'Nürnberg', zipCode: '90402', street: 'Königstraße 20', status: 'active', contact: ['Stefan', 'Fischer', 'Partner'] },
  { name: 'Hotel Alpenblick', city: 'Garmisch-Partenkirchen', zipCode: '82467', street: 'Zugspitzstraße 8', status: 'inactive', contact: ['Maria', 'Gruber', 'Direktorin'] },
  { name: 'Studio Lichtwerk', city: 'Würzburg', zipCode: '97070', street: 'Juliuspromenade 2', status: 'lead', type: 'creator', contact: ['Lukas', 'Becker', 'Fotograf'] },
] as const;

/** A small company to explore: one employee per role, departments, customers, contacts, activities. */
export async function seedDemo(em: EntityManager): Promise<{ seeded: boolean }> {
  if ((await em.count(Employee, {})) > 0) return { seeded: false };
  return runAs({ id: null, label: 'demo data' }, async () => {
    const roles = await seedSystemRoles(em);
    const settings = await loadSettings(em);
    em.assign(settings, {
      companyName: 'Kessler IT-Service GmbH',
      street: 'Leopoldstraße 100',
      zipCode: '80802',
      city: 'München',
      country: 'Deutschland',
      email: 'info@kessler-it.example',
      phone: '+49 89 1234560',
      taxNumber: '143/123/45678',
      vatId: 'DE123456789',
      managingDirector: 'Petra Kessler',
      registerCourt: 'Amtsgericht München',
      registerNumber: 'HRB 123456',
      bankName: 'Stadtsparkasse München',
      iban: 'DE89370400440532013000',
      bic: 'SSKMDEMMXXX',
      customerNumberPattern: 'KIT-CUS-{NNNNNN}',
    });
    const departments = ['Geschäftsführung:GF', 'IT-Service:IT', 'Vertrieb:VT', 'Finanzen:FIN'].map((d) => {
      const [name, code] = d.split(':') as [string, string];
      return em.create(Department, { name, code });
    });
    await em.flush();
    const people = [
      { role: roles.Admin, email: DEMO_ADMIN_EMAIL, firstName: 'Petra', lastName: 'Kessler', code: 'KIT-0001', dep: 0 },
      { role: roles.Manager, email: 'manager@workmate.demo', firstName: 'Jonas', lastName: 'Wagner', code: 'KIT-0002', dep: 1 },
      { role: roles.Employee, email: 'mitarbeiter@workmate.demo', firstName: 'Lena', lastName: 'Schulz', code: 'KIT-0003', dep: 1 },
      { role: roles.Accountant, email: 'buchhaltung@workmate.demo', firstName: 'Markus', lastName: 'Hoffmann', code: 'KIT-0004', dep: 3 },
      { role: roles.Auditor, email: 'pruefer@workmate.demo', firstName: 'Eva', lastName: 'Richter', code: 'KIT-0005', dep: 3 },
    ];
    const employees: Employee[] = [];
    for (const p of people) {
      const e = await seedEmployee(em, { role: p.role, email: p.email, password: DEMO_PASSWORD, firstName: p.firstName, lastName: p.lastName, code: p.code });
      e.department = departments[p.dep] ?? null;
      e.hireDate = '2024-01-01';
      employees.push(e);
    }
    const [admin, manager] = employees as [Employee, Employee];
    (departments[0] as Department).manager = admin;
    (departments[1] as Department).manager = manager;
    await em.flush();

    const kinds = ['call', 'meeting', 'email', 'note'] as const;
    const customers: Array<{ id: string }> = [];
    let n = 0;
    for (const c of CUSTOMERS) {
      const slug = c.name
        .toLowerCase()
        .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
        .replace(/[^a-z]+/g, '')
        .slice(0, 20);
      const customer = await seedCustomer(em, {
        name: c.name,
        city: c.city,
        zipCode: c.zipCode,
        street: c.street,
        country: 'Deutschland',
        status: c.status,
        type: 'type' in c ? c.type : 'business',
        email: `info@${slug}.example`,
        phone: `+49 89 55${String(100 + n).padStart(4, '0')}`,
      });
      customers.push(customer);
      const [firstName, lastName, position] = c.contact;
      await seedContact(em, { customerId: customer.id, firstName, lastName, position, isPrimary: true, email: `${firstName.toLowerCase()}@${slug}.example` });
      for (let i = 0; i < 2; i++) {
        await createActivity(
          em,
          {
            customerId: customer.id,
            contactId: null,
            type: kinds[(n + i) % kinds.length] as (typeof kinds)[number],
            subject: i === 0 ? 'Erstgespräch zur IT-Betreuung' : 'Angebot nachgefasst',
            description: null,
            occurredAt: new Date(Date.now() - (n * 3 + i) * 86_400_000).toISOString(),
          },
          (employees[(n + i) % 3] as Employee).id,
        );
      }
      n++;
    }
    const projects = await seedDemoProjects(em, customers, employees, departments);
    await seedDemoInvoices(em, customers, projects, employees);
    await seedDemoSalesAndService(em, customers, employees);
    return { seeded: true };
  });
}

const day = 86_400_000;
const isoDate = (at: number) => new Date(at).toISOString().slice(0, 10);

/** Projects with budgets and deadlines (one overdue), and three weeks of booked time, some approved. */
async function seedDemoProjects(em: EntityManager, customers: Array<{ id: string }>, employees: Employee[], departments: Department[]) {
  const [admin, manager, worker] = employees as [Employee, Employee, Employee];
  manager.defaultHourlyRate = '95.00';
  worker.defaultHourlyRate = '75.00';
  const settings = await loadSettings(em);
  settings.timeRoundingMinutes = 15;
  await em.flush();
  const now = Date.now();
  const it = departments[1] as Department;
  const specs = [
    { title: 'Netzwerk-Modernisierung', customer: 0, status: 'active', priority: 'high', start: -40, end: 30, deadline: 35, budget: '18000.00', hourlyRate: '98.00' },
    { title: 'Praxis-IT Wartungsvertrag 2026', customer: 2, status: 'active', priority: 'medium', start: -120, end: 240, deadline: null, budget: '9600.00', hourlyRate: '85.00' },
    { title: 'Website-Relaunch Kanzlei', customer: 5, status: 'active', priority: 'urgent', start: -60, end: -5, deadline: -3, budget: '7500.00', hourlyRate: '90.00' },
    { title: 'Zählerfernauslesung Pilot', customer: 3, status: 'planning', priority: 'low', start: 14, end: 120, deadline: 130, budget: '25000.00', hourlyRate: null },
  ] as const;
  const projects = [];
  for (const s of specs) {
    projects.push(
      await createProject(em, {
        title: s.title,
        customerId: (customers[s.customer] as { id: string }).id,
        departmentId: it.id,
        projectManagerId: manager.id,
        status: s.status,
        priority: s.priority,
        startDate: isoDate(now + s.start * day),
        endDate: isoDate(now + s.end * day),
        deadline: s.deadline === null ? null : isoDate(now + s.deadline * day),
        budget: s.budget,
        hourlyRate: s.hourlyRate,
        billableByDefault: true,
        description: null,
        notes: null,
      }),
    );
  }
  const tasks = ['development', 'meeting', 'support', 'documentation'] as const;
  // Weekdays of the last three weeks: a morning and an afternoon block each (UTC times stay inside the Berlin day all year).
  for (let back = 21; back >= 1; back--) {
    const date = new Date(now - back * day);
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    const base = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    for (const [i, person] of [worker, manager].entries()) {
      const blocks: Array<[number, number, number | null]> = [
        [7 * 60 + i * 30, 11 * 60 + (back % 3) * 10, (back + i) % 3],
        [12 * 60, 15 * 60 + 30 - (back % 4) * 15, back % 5 === 0 ? null : (back + i + 1) % 3],
      ];
      for (const [from, to, project] of blocks) {
        const start = new Date(base + from * 60_000);
        const end = new Date(base + to * 60_000);
        em.create(TimeEntry, {
          employee: person,
          project: project === null ? null : em.getReference(Project, (projects[project] as { id: string }).id),
          startTime: start,
          endTime: end,
          durationMinutes: Math.round((end.getTime() - start.getTime()) / 60_000),
          billable: project !== null,
          taskType: tasks[(back + from) % tasks.length],
          note: project === null ? 'Interne Abstimmung' : 'Arbeiten laut Projektplan',
          isApproved: back > 7,
          approvedBy: back > 7 ? admin : null,
          approvedAt: back > 7 ? new Date(base + 20 * 3_600_000) : null,
        });
      }
    }
  }
  await em.flush();
  return projects;
}

/**
 * Invoices to look at: the kanzlei's time billed (a draft), a paid and a partly paid invoice,
 * a quote sent and one accepted. Finalizing queues their PDFs for the worker.
 */
async function seedDemoInvoices(em: EntityManager, customers: Array<{ id: string }>, projects: Array<{ id: string }>, employees: Employee[]) {
  const accountant = employees[3] as Employee;
  const actor = { id: accountant.id, permissions: ['*'] };
  const today = isoDate(Date.now());
  const line = (description: string, quantity: string, unit: string, unitPrice: string, taxRate: 19 | 7 = 19) => ({ description, quantity, unit, unitPrice, taxRate });
  const base = { type: 'invoice' as const, projectId: null, reverseCharge: false, serviceDate: today, servicePeriodFrom: null, servicePeriodTo: null, validUntil: null, introText: null, paymentTerms: null, footerText: null, notes: null };
  const c = (i: number) => (customers[i] as { id: string }).id;

  await createFromTimeEntries(em, actor, { projectId: (projects[2] as { id: string }).id, from: isoDate(Date.now() - 30 * day), to: today, groupBy: 'day', onlyApproved: true, includeExpenses: false, taxRate: 19 });
  const paid = await createInvoice(em, actor, { ...base, customerId: c(0), lines: [line('Firewall-Appliance inkl. Einrichtung', '1', 'Stk.', '1890.00'), line('Installation vor Ort', '6', 'Std.', '98.00')] });
  await markSent(em, paid.id);
  const paidFinal = await getInvoice(em, paid.id);
  await addPayment(em, actor, { invoiceId: paid.id, amount: paidFinal.grossTotal, paymentDate: today, method: 'bank_transfer', reference: paidFinal.number, notes: null });
  const partly = await createInvoice(em, actor, { ...base, customerId: c(2), lines: [line('Wartungspauschale Quartal', '1', 'pauschal', '1200.00'), line('Fachbuch Datenschutz in der Praxis', '2', 'Stk.', '39.90', 7)] });
  await markSent(em, partly.id);
  await addPayment(em, actor, { invoiceId: partly.id, amount: '500.00', paymentDate: today, method: 'bank_transfer', reference: null, notes: 'Teilzahlung' });
  const quote = await createInvoice(em, actor, { ...base, type: 'quote', customerId: c(3), serviceDate: null, introText: 'Gerne bieten wir Ihnen an:', lines: [line('Pilotinstallation Zählerfernauslesung', '1', 'pauschal', '12500.00'), line('Schulung', '2', 'Tage', '960.00')] });
  await markSent(em, quote.id);
  const accepted = await createInvoice(em, actor, { ...base, type: 'quote', customerId: c(5), serviceDate: null, lines: [line('Pflege der Website, 12 Monate', '12', 'Monate', '150.00')] });
  await markSent(em, accepted.id);
  await setStatus(em, actor, { id: accepted.id, status: 'accepted' });
}

/** A pipeline to drag cards on (lead to won, over the next months) and three tickets: a new urgent one, one waiting on the customer, one answered. */
async function seedDemoSalesAndService(em: EntityManager, customers: Array<{ id: string }>, employees: Employee[]) {
  const manager = employees[1] as Employee;
  const employee = employees[2] as Employee;
  const actor = { id: manager.id, permissions: ['*'] };
  const today = berlinDay();
  const c = (i: number) => (customers[i % customers.length] as { id: string }).id;
  const deals: Array<[number, string, string, number, 'lead' | 'qualified' | 'proposal' | 'negotiation' | 'won' | 'lost']> = [
    [0, 'Netzwerk-Erneuerung Standort Nord', '18500.00', 20, 'lead'],
    [1, 'Managed Backup, 3 Jahre', '7200.00', 40, 'qualified'],
    [2, 'Microsoft-365-Migration', '9800.00', 45, 'proposal'],
    [3, 'Zählerfernauslesung Rollout', '42000.00', 60, 'negotiation'],
    [4, 'Helpdesk-Vertrag Premium', '6000.00', 30, 'won'],
    [5, 'Videokonferenzräume', '12500.00', 75, 'lost'],
  ];
  for (const [customer, title, amount, inDays, stage] of deals) {
    const o = await createOpportunity(em, actor, { customerId: c(customer), contactId: null, title, stage: 'lead', amount, expectedCloseDate: addDays(today, inDays), ownerId: manager.id, notes: null });
    if (stage !== 'lead') await moveOpportunity(em, { id: o.id, stage });
  }
  const agent = { id: employee.id, permissions: ['*'] };
  await createTicket(em, agent, { customerId: c(0), contactId: null, subject: 'Drucker im 2. OG druckt nicht', priority: 'urgent', description: 'Seit heute früh keine Ausdrucke mehr.', assigneeId: employee.id });
  const waiting = await createTicket(em, agent, { customerId: c(1), contactId: null, subject: 'VPN-Zugang für neue Mitarbeiterin', priority: 'normal', description: null, assigneeId: employee.id });
  await replyToTicket(em, agent, { ticketId: waiting.id, kind: 'external', body: 'Gerne – bitte senden Sie uns Name und E-Mail-Adresse der Mitarbeiterin.' });
  await setTicketStatus(em, agent, { id: waiting.id, status: 'waiting_customer' });
  const answered = await createTicket(em, agent, { customerId: c(2), contactId: null, subject: 'Passwort-Reset Buchhaltung', priority: 'high', description: null, assigneeId: manager.id });
  await replyToTicket(em, agent, { ticketId: answered.id, kind: 'internal', body: 'Konto war gesperrt, entsperrt.' });
  await replyToTicket(em, agent, { ticketId: answered.id, kind: 'external', body: 'Das Passwort wurde zurückgesetzt.' });
  await setTicketStatus(em, agent, { id: answered.id, status: 'resolved' });
}

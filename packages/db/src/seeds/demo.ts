import type { EntityManager } from '@mikro-orm/postgresql';
import { runAs } from '../audit/actor.ts';
import { loadSettings } from '../core/settings.ts';
import { createActivity } from '../crm/activities.ts';
import { Department } from '../entities/department.ts';
import { Employee } from '../entities/employee.ts';
import { seedContact, seedCustomer, seedEmployee } from './builders.ts';
import { seedSystemRoles } from './roles.ts';

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
    return { seeded: true };
  });
}

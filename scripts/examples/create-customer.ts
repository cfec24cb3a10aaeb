// Example integration: create a customer with a primary contact, then list customers.
//
//   WORKMATE_TOKEN=wm_… npm run example:customer
//   (or: WORKMATE_URL=http://localhost:3000 WORKMATE_TOKEN=wm_… npx tsx scripts/examples/create-customer.ts "Firma GmbH")
//
// Create the token in the web app under Profile → API tokens. It acts with your permissions.
import { createWorkmateClient } from '@workmate/api/client';

const url = process.env.WORKMATE_URL ?? 'http://localhost:3000';
const token = process.env.WORKMATE_TOKEN;
if (!token) {
  console.error('Set WORKMATE_TOKEN to an API token (web app → Profile → API tokens).');
  process.exit(2);
}
const name = process.argv[2] ?? `Beispiel GmbH ${new Date().toISOString().slice(0, 16)}`;

const workmate = createWorkmateClient({ url, token });

const customer = await workmate.crm.customers.create.mutate({
  name,
  type: 'business',
  email: 'info@beispiel.example',
  street: 'Musterstraße 1',
  zipCode: '10115',
  city: 'Berlin',
  country: 'Deutschland',
});
const contact = await workmate.crm.contacts.create.mutate({
  customerId: customer.id,
  firstName: 'Max',
  lastName: 'Mustermann',
  email: 'max@beispiel.example',
  position: 'Geschäftsführer',
  isPrimary: true,
});
console.log(`Created ${customer.customerNumber} ${customer.name} with primary contact ${contact.firstName} ${contact.lastName}`);

const page = await workmate.crm.customers.list.query({ pageSize: 10, sort: 'createdAt', direction: 'desc' });
console.log(`${page.total} customers; the newest:`);
for (const c of page.items) console.log(`  ${c.customerNumber}  ${c.name}  ${c.city ?? ''}  ${c.primaryContact?.name ?? ''}`);

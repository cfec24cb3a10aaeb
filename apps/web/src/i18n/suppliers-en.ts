import type { suppliersDe } from './suppliers-de.ts';

/** English texts of the supplier page with its contacts; joined into en.ts. */
export const suppliersEn: Record<keyof typeof suppliersDe, string> = {
  'supplier.title': 'Supplier',
  'supplier.open': 'View supplier',
  'supplier.address': 'Address',
  'supplier.vatId': 'VAT ID',
  'supplier.email': 'Email',
  'supplierContact.sectionTitle': 'Contacts',
  'supplierContact.add': 'Add contact',
  'supplierContact.edit': 'Edit contact',
  'supplierContact.empty': 'No contacts yet.',
  'supplierContact.name': 'Name',
  'supplierContact.position': 'Role',
  'supplierContact.email': 'Email',
  'supplierContact.phone': 'Phone',
  'supplierContact.isPrimary': 'Primary contact',
  'supplierContact.primary': 'Primary',
  'supplierContact.confirmDelete': 'Really delete the contact “{name}”?',
};

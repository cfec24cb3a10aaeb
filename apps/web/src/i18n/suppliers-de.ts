/** German texts of the supplier page with its contacts; joined into de.ts. */
export const suppliersDe = {
  'supplier.title': 'Lieferant',
  'supplier.open': 'Lieferant ansehen',
  'supplier.address': 'Anschrift',
  'supplier.vatId': 'USt-IdNr.',
  'supplier.email': 'E-Mail',
  'supplierContact.sectionTitle': 'Ansprechpartner',
  'supplierContact.add': 'Ansprechpartner hinzufügen',
  'supplierContact.edit': 'Ansprechpartner bearbeiten',
  'supplierContact.empty': 'Noch keine Ansprechpartner.',
  'supplierContact.name': 'Name',
  'supplierContact.position': 'Funktion',
  'supplierContact.email': 'E-Mail',
  'supplierContact.phone': 'Telefon',
  'supplierContact.isPrimary': 'Hauptansprechpartner',
  'supplierContact.primary': 'Haupt',
  'supplierContact.confirmDelete': 'Ansprechpartner „{name}“ wirklich löschen?',
} as const;

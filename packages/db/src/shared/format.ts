/**
 * How values read from Postgres become the plain text the DTOs carry. Shared by every module
 * that maps rows (invoices, finance, reminders, dashboards); invoice-only mapping stays in
 * invoices/mapping.ts.
 */

/** Date columns come back as 'YYYY-MM-DD' strings (or Dates from some drivers paths). */
export const dateOnly = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** numeric(…,2) as returned by Postgres, normalised to two places ("12" → "12.00"). */
export const moneyText = (v: unknown): string => {
  const text = String(v ?? '0');
  const [whole = '0', fraction = ''] = text.split('.');
  return `${whole}.${fraction.padEnd(2, '0').slice(0, 2)}`;
};

/** "First Last" of a person, or null without one. */
export const personName = (e: { firstName: string; lastName: string } | null | undefined) => (e ? `${e.firstName} ${e.lastName}` : null);

/** A person as the DTOs link to them: id and "First Last", or null without one. */
export const personRef = (e: { id: string; firstName: string; lastName: string } | null | undefined): { id: string; name: string } | null =>
  e ? { id: e.id, name: `${e.firstName} ${e.lastName}` } : null;

import { PERMISSIONS, SYSTEM_ROLES } from '@workmate/domain/permissions';
import { describe, expect, it } from 'vitest';
import { formattersFor } from '../../i18n/i18n.tsx';
import { permissionText, roleName } from './role-labels.ts';

const de = formattersFor('de');
const en = formattersFor('en');

describe('role names and permission descriptions', () => {
  it('every permission string has a German and an English description', () => {
    for (const p of PERMISSIONS) {
      expect(permissionText(p, de.tOr), p).not.toBe(p);
      expect(permissionText(p, en.tOr), p).not.toBe(p);
    }
    expect(permissionText('timeTracking.readAll', de.tOr)).toBe('Alle Zeiteinträge sehen');
  });

  it('words the patterns the built-in roles use', () => {
    expect(permissionText('*', de.tOr)).toBe('Alles');
    expect(permissionText('*.read', de.tOr)).toBe('Überall lesen');
    expect(permissionText('invoices.*', de.tOr)).toBe('Rechnungen: alles');
    // A string no one knows stays as typed.
    expect(permissionText('foo.bar', de.tOr)).toBe('foo.bar');
  });

  it('names the built-in roles in German and leaves own roles alone', () => {
    expect(Object.keys(SYSTEM_ROLES).map((r) => roleName(r, de.tOr))).toEqual(['Administrator', 'Manager', 'Mitarbeiter', 'Buchhaltung', 'Prüfer']);
    expect(roleName('Vertrieb Nord', de.tOr)).toBe('Vertrieb Nord');
  });
});

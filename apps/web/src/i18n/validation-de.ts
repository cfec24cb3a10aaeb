/**
 * The domain schemas and the API speak English; in the German UI the messages we know are
 * shown in German, anything else as it came.
 */
const exact: Record<string, string> = {
  'is required': 'ist erforderlich',
  'must be a valid email address': 'muss eine gültige E-Mail-Adresse sein',
  'must be a valid id': 'muss eine gültige ID sein',
  'must be a date (YYYY-MM-DD)': 'muss ein Datum sein (JJJJ-MM-TT)',
  'must be a date and time (ISO 8601)': 'muss ein Datum mit Uhrzeit sein',
  'may only contain letters, digits, - and _': 'darf nur Buchstaben, Ziffern, - und _ enthalten',
  'must be at least 10 characters': 'muss mindestens 10 Zeichen lang sein',
  'must be a VAT ID such as DE123456789': 'muss eine USt-IdNr. wie DE123456789 sein',
  'must be an IBAN': 'muss eine IBAN sein',
  'logo must be at most 500 KB': 'das Logo darf höchstens 500 KB groß sein',
  'must be a PNG, JPEG or SVG image': 'muss ein PNG-, JPEG- oder SVG-Bild sein',
  'is not a valid permission (e.g. crm.read, crm.*, *)': 'ist keine gültige Berechtigung (z. B. crm.read, crm.*, *)',
  'must be 1 to 60 characters': 'muss 1 bis 60 Zeichen lang sein',
  'must contain exactly one counter such as {NNNN}': 'muss genau einen Zähler wie {NNNN} enthalten',
  'contains an unknown placeholder (use {YYYY}, {YY} or {NNNN})': 'enthält einen unbekannten Platzhalter (erlaubt: {YYYY}, {YY}, {NNNN})',
  'may only contain letters, digits and - _ / .': 'darf nur Buchstaben, Ziffern und - _ / . enthalten',
  // Messages of the API services
  'An employee cannot report to themselves': 'Niemand kann sich selbst unterstellt sein.',
  'The contact does not belong to this customer': 'Der Ansprechpartner gehört nicht zu diesem Kunden.',
  'The current password is wrong': 'Das aktuelle Passwort ist falsch.',
  'The manager is not an employee': 'Die Leitung muss ein/e Mitarbeiter/in sein.',
  'The new password must differ from the current one': 'Das neue Passwort muss sich vom aktuellen unterscheiden.',
  'Unknown department': 'Unbekannte Abteilung.',
  'Unknown role': 'Unbekannte Rolle.',
  'Unknown supervisor': 'Unbekannte/r Vorgesetzte/r.',
  'You cannot delete your own account': 'Sie können Ihr eigenes Konto nicht löschen.',
  'You cannot disable your own account': 'Sie können Ihr eigenes Konto nicht deaktivieren.',
  'The built-in roles cannot be deleted': 'Vordefinierte Rollen können nicht gelöscht werden.',
  'The change conflicts with existing data': 'Die Änderung widerspricht vorhandenen Daten.',
  'This customer already has a primary contact': 'Dieser Kunde hat bereits einen Hauptansprechpartner.',
  'This record is still referenced by other records': 'Dieser Datensatz wird noch von anderen Datensätzen verwendet.',
  'This customer number is already taken': 'Diese Kundennummer ist bereits vergeben.',
  'Another employee already uses this email address': 'Diese E-Mail-Adresse wird bereits von einer anderen Person verwendet.',
  'Another employee already has this employee code': 'Diese Personalnummer ist bereits vergeben.',
  'The termination date must not be before the hire date': 'Das Austrittsdatum darf nicht vor dem Eintrittsdatum liegen.',
  'Another department already has this code': 'Dieses Abteilungskürzel ist bereits vergeben.',
  'A role with this name already exists': 'Eine Rolle mit diesem Namen gibt es bereits.',
  'Email or password is wrong, or the account is disabled': 'E-Mail oder Passwort ist falsch, oder das Konto ist deaktiviert.',
};

const patterns: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^must be at most (\d+) characters$/, (m) => `darf höchstens ${m[1]} Zeichen lang sein`],
  [/^(\d+) employee\(s\) still have this role$/, (m) => `${m[1]} Mitarbeitende haben noch diese Rolle.`],
  [/^(\d+) employee\(s\) still belong to this department$/, (m) => `${m[1]} Mitarbeitende gehören noch zu dieser Abteilung.`],
  [/^\S+ \S+ was not found$/, () => 'Der Datensatz wurde nicht gefunden.'],
  [/^You lack the permission "(.+)"$/, (m) => `Ihnen fehlt die Berechtigung „${m[1]}“.`],
];

export function validationToGerman(message: string): string {
  const known = exact[message];
  if (known) return known;
  for (const [re, to] of patterns) {
    const m = re.exec(message);
    if (m) return to(m);
  }
  return message;
}

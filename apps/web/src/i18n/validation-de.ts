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
  'must not be before the start date': 'darf nicht vor dem Startdatum liegen',
  'must not be negative': 'darf nicht negativ sein',
  'must be an amount with at most two decimal places': 'muss ein Betrag mit höchstens zwei Nachkommastellen sein',
  'must be a whole number of minutes': 'muss eine ganze Zahl von Minuten sein',
  'must be at least 1 minute': 'muss mindestens 1 Minute betragen',
  'must be at most 24 hours (1440 minutes)': 'darf höchstens 24 Stunden betragen',
  'give either start and end, or a date and a duration, not both': 'bitte entweder Beginn und Ende oder Tag und Dauer angeben, nicht beides',
  'is required (or give a date and a duration)': 'ist erforderlich (oder Tag und Dauer angeben)',
  'must not be before the start of the range': 'darf nicht vor dem Beginn des Zeitraums liegen',
  'select at least one entry': 'bitte mindestens einen Eintrag auswählen',
  'must be 0, 5, 15 or 30 minutes': 'muss 0, 5, 15 oder 30 Minuten sein',
  'must be after the start': 'muss nach dem Beginn liegen',
  // Messages of the API services
  'An entry may be at most 24 hours long': 'Ein Eintrag darf höchstens 24 Stunden lang sein.',
  'Time entries cannot end in the future': 'Zeiteinträge können nicht in der Zukunft enden.',
  'Time entries cannot be in the future': 'Zeiteinträge können nicht in der Zukunft liegen.',
  'Unknown project': 'Unbekanntes Projekt.',
  'Unknown employee': 'Unbekannte/r Mitarbeiter/in.',
  'You may only record your own time': 'Sie können nur Ihre eigene Zeit erfassen.',
  'You may only change your own time entries': 'Sie können nur Ihre eigenen Zeiteinträge ändern.',
  'No timer is running': 'Es läuft kein Timer.',
  'This entry has been invoiced and is locked for everyone': 'Dieser Eintrag wurde abgerechnet und ist gesperrt.',
  'This entry lies in a locked period and cannot be changed': 'Dieser Eintrag liegt in einem gesperrten Zeitraum und kann nicht geändert werden.',
  'This entry has been approved and is locked; ask an approver to unapprove it first': 'Dieser Eintrag ist freigegeben und gesperrt; bitten Sie zuerst um Rücknahme der Freigabe.',
  'A running timer is stopped with stop, not by editing its end': 'Ein laufender Timer wird mit „Stopp“ beendet, nicht durch Ändern des Endes.',
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
  [/^must be at most (\d+)$/, (m) => `darf höchstens ${m[1]} sein`],
  [
    /^A timer is already running since (.+?)(?: on (.+)| \(internal time\)) \(entry [^)]+\)\. Stop it before starting a new one\.$/,
    (m) => `Es läuft bereits ein Timer seit ${m[1]}${m[2] ? ` für ${m[2]}` : ' (interne Zeit)'}. Bitte stoppen Sie ihn, bevor Sie einen neuen starten.`,
  ],
  [/^A timer is already running/, () => 'Es läuft bereits ein Timer. Bitte stoppen Sie ihn, bevor Sie einen neuen starten.'],
  [/^Time up to (\S+) is locked; entries dated (\S+) cannot be created, changed or deleted$/, (m) => `Die Zeit bis ${m[1]} ist gesperrt; Einträge vom ${m[2]} können nicht angelegt, geändert oder gelöscht werden.`],
  [/^This time overlaps another entry \((.+)\)$/, (m) => `Diese Zeit überschneidet sich mit einem anderen Eintrag (${m[1]}).`],
  [/^There is no free gap of (\d+) minutes left on (\S+); enter start and end instead$/, (m) => `Am ${m[2]} ist keine Lücke von ${m[1]} Minuten mehr frei; bitte Beginn und Ende angeben.`],
  [/^Entry \S+ is still running$/, () => 'Ein ausgewählter Eintrag läuft noch.'],
  [/^Entry \S+ has been invoiced and is locked$/, () => 'Ein ausgewählter Eintrag wurde bereits abgerechnet und ist gesperrt.'],
  [/^You may not approve entry \S+: .*$/, () => 'Sie dürfen einen der ausgewählten Einträge nicht freigeben.'],
  [/^More than (\d+) entries match; narrow the date range or filters$/, (m) => `Mehr als ${m[1]} Einträge passen; bitte Zeitraum oder Filter einschränken.`],
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

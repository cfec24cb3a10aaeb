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
};

const patterns: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^must be at most (\d+) characters$/, (m) => `darf höchstens ${m[1]} Zeichen lang sein`],
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

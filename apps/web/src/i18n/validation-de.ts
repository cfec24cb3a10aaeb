/**
 * The few English texts that reach the German UI without an error code, in German. Everything the
 * API refuses, and every rule of the domain schemas, has a code (packages/domain/src/error-codes.ts)
 * and is worded in errors-de.ts. What is left here:
 * - the number-input hints of the web's own amount fields (domain/money.ts, parsed in the browser,
 *   the example differs by language) and the number-pattern rule, whose text contains a literal
 *   "{NNNN}" that a catalog text would read as a parameter;
 * - the texts of the upload endpoint (plain HTTP, not tRPC: it sends no codes) and the browser's
 *   own size check before an upload.
 */
const exact: Record<string, string> = {
  'must contain exactly one counter such as {NNNN}': 'muss genau einen Zähler wie {NNNN} enthalten',
  'The file is empty': 'Die Datei ist leer.',
  'Choose a file to upload (field "file")': 'Bitte wählen Sie eine Datei zum Hochladen.',
  'The upload was interrupted': 'Das Hochladen wurde unterbrochen.',
  'must be a number such as 12.500,00': 'muss eine Zahl wie 12.500,00 sein',
  'must be a number such as 12,500.00': 'muss eine Zahl wie 12,500.00 sein',
  'must contain at most one decimal separator, as in 12.500,00': 'darf höchstens ein Dezimalkomma enthalten, wie in 12.500,00',
  'must contain at most one decimal separator, as in 12,500.00': 'darf höchstens einen Dezimalpunkt enthalten, wie in 12,500.00',
  'has thousands separators in the wrong place; write groups of three digits, as in 12.500,00': 'hat Tausenderpunkte an der falschen Stelle; bitte in Dreiergruppen schreiben, wie in 12.500,00',
  'has thousands separators in the wrong place; write groups of three digits, as in 12,500.00': 'hat Tausendertrennzeichen an der falschen Stelle; bitte in Dreiergruppen schreiben, wie in 12,500.00',
};

const patterns: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^The file is larger than (\d+) MB$/, (m) => `Die Datei ist größer als ${m[1]} MB.`],
  [
    /^Only PDF, PNG, JPEG, Word \(docx\) and Excel \(xlsx\) files can be uploaded(?:, not (.+))?$/,
    (m) => `Hochladen lassen sich nur PDF-, PNG-, JPEG-, Word- (docx) und Excel-Dateien (xlsx)${m[1] ? `, nicht ${m[1]}` : ''}.`,
  ],
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

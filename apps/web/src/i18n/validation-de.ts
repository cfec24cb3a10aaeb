/**
 * The few English texts that reach the German UI without an error code, in German. Everything the
 * API refuses, and every rule of the domain schemas, has a code (packages/domain/src/error-codes.ts)
 * and is worded in errors-de.ts. What is left here:
 * - the number-input hints of the web's own amount fields (domain/money.ts, parsed in the browser,
 *   the example differs by language) and the number-pattern rule, whose text contains a literal
 *   "{NNNN}" that a catalog text would read as a parameter.
 * No regular expressions: a sentence with parameters always comes with its code.
 */
const exact: Record<string, string> = {
  'must contain exactly one counter such as {NNNN}': 'muss genau einen Zähler wie {NNNN} enthalten',
  'must be a number such as 12.500,00': 'muss eine Zahl wie 12.500,00 sein',
  'must be a number such as 12,500.00': 'muss eine Zahl wie 12,500.00 sein',
  'must contain at most one decimal separator, as in 12.500,00': 'darf höchstens ein Dezimalkomma enthalten, wie in 12.500,00',
  'must contain at most one decimal separator, as in 12,500.00': 'darf höchstens einen Dezimalpunkt enthalten, wie in 12,500.00',
  'has thousands separators in the wrong place; write groups of three digits, as in 12.500,00': 'hat Tausenderpunkte an der falschen Stelle; bitte in Dreiergruppen schreiben, wie in 12.500,00',
  'has thousands separators in the wrong place; write groups of three digits, as in 12,500.00': 'hat Tausendertrennzeichen an der falschen Stelle; bitte in Dreiergruppen schreiben, wie in 12,500.00',
};

export function validationToGerman(message: string): string {
  return exact[message] ?? message;
}

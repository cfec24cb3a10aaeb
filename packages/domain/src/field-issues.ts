import type { ZodError } from 'zod';
import { codeOfText, englishMessage, messageOf, type ErrorCode, type ErrorIssue } from './error-codes.ts';

/** zod's own texts start so; a schema's own message ("must be a valid id") never does. */
const ZOD_DEFAULT = /^Invalid (input|option)/;
const TYPE_CODES: Record<string, ErrorCode> = {
  string: 'field.mustBeText',
  number: 'field.mustBeNumber',
  int: 'field.mustBeWholeNumber',
  bigint: 'field.mustBeWholeNumber',
  boolean: 'field.mustBeBoolean',
  array: 'field.mustBeList',
  object: 'field.mustBeObject',
  date: 'field.mustBeDate',
};

type ZodIssue = ZodError['issues'][number];

/**
 * A field problem as a code with parameters and its English sentence. zod's raw texts ("Invalid
 * option: expected one of "a"|"b"") become plain ones ("must be one of: a, b"); a schema's own
 * text is a text of the error catalog, or a length/size limit with its number. A text the catalog
 * does not know (a cursor's detailed refusal) goes as it is, without a code.
 */
export function fieldProblem(issue: ZodIssue): { message: string; issue?: ErrorIssue } {
  const coded = (found: ErrorIssue, message: string) => ({ message, issue: found });
  if (ZOD_DEFAULT.test(issue.message)) {
    if (issue.code === 'invalid_type') {
      const code = TYPE_CODES[issue.expected];
      return code ? coded({ code, params: {} }, messageOf({ code, params: {} })) : { message: `must be of type ${issue.expected}` };
    }
    if (issue.code === 'invalid_value') {
      const values = issue.values.map(String).join(', ');
      return coded({ code: 'field.oneOf', params: { values } }, englishMessage('field.oneOf', { values }));
    }
    return { message: issue.message };
  }
  const known = codeOfText(issue.message);
  if (known) return coded(known, issue.message);
  if (issue.code === 'too_big' || issue.code === 'too_small') {
    const candidate: ErrorIssue =
      issue.code === 'too_big'
        ? { code: issue.origin === 'string' ? 'field.tooLong' : 'field.tooLarge', params: { max: String(issue.maximum) } }
        : { code: 'field.tooSmall', params: { min: String(issue.minimum) } };
    // Only when the schema's text is exactly what the code says (a schema may word a limit its own way).
    if (messageOf(candidate) === issue.message) return coded(candidate, issue.message);
  }
  return { message: issue.message };
}


import { isErrorCode, type ErrorIssue } from '@workmate/domain/error-codes';
import { fieldProblem } from '@workmate/domain/field-issues';
import type { z } from 'zod';

/**
 * One problem of a form field: its error code with parameters (from the API's `data.fieldIssues`
 * or the form's own schema check), shown in the reader's language by code; or, for the rare
 * problem without a code, a text (the web's own number-input hints, a text already in the
 * reader's language, an English text of an API that sent no code).
 */
export type FieldProblem = ErrorIssue | string;

/** Problems per form field (dotted path → problems), as the API's error formatter sends them. */
// A file of its own so upload.ts and errors.ts can both use it without importing each other.
export type FieldErrors = Record<string, FieldProblem[]>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A code and parameters as sent over the wire; null for a code this build does not know (a newer API). */
export function readIssue(code: unknown, params: unknown): ErrorIssue | null {
  if (!isErrorCode(code)) return null;
  const out: Record<string, string | number> = {};
  if (isRecord(params)) for (const [name, value] of Object.entries(params)) if (typeof value === 'string' || typeof value === 'number') out[name] = value;
  return { code, params: out };
}

const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((m): m is string => typeof m === 'string') : typeof value === 'string' ? [value] : []);

/**
 * The field problems of an API answer's `data`, under the API's full paths (`lines.0.quantity`):
 * by code from `fieldIssues` where the field has them, else the English texts of `fieldErrors`.
 * `fieldIssues` leaves out a problem without a code, so a field with fewer codes than texts keeps
 * its texts beyond the coded ones.
 */
export function fieldProblemsOf(data: Record<string, unknown>): FieldErrors {
  const messages = isRecord(data.fieldErrors) ? data.fieldErrors : {};
  const issues = isRecord(data.fieldIssues) ? data.fieldIssues : {};
  const out: FieldErrors = {};
  for (const path of new Set([...Object.keys(messages), ...Object.keys(issues)])) {
    const coded = (Array.isArray(issues[path]) ? issues[path] : []).flatMap((item: unknown) => {
      const issue = isRecord(item) ? readIssue(item.code, item.params) : null;
      return issue ? [issue] : [];
    });
    const list: FieldProblem[] = [...coded, ...texts(messages[path]).slice(coded.length)];
    if (list.length) out[path] = list;
  }
  return out;
}

/** A schema issue of the form's own check as a field problem: its code and parameters, or its text when it has no code. */
export function problemOf(issue: z.ZodError['issues'][number]): FieldProblem {
  return fieldProblem(issue).issue ?? issue.message;
}

/** "is required", by its code: the forms' own check for a field the schema cannot see is empty. */
export const REQUIRED: FieldProblem = { code: 'field.required', params: {} };

import { codeOfText, fillPlaceholders, isErrorCode, type ErrorIssue } from '@workmate/domain/error-codes';
import type { FieldProblem } from '../lib/field-errors.ts';
import { formatDecimalComma } from '@workmate/domain/money';
import { errorsDe } from './errors-de.ts';
import { errorsEn } from './errors-en.ts';
import { validationToGerman } from './validation-de.ts';

type Lang = 'de' | 'en';

/** Parameters that are amounts in euros ("1234.50"): German writes them with a decimal comma. */
const MONEY_PARAMS = new Set(['amount', 'outstanding', 'paid']);
/** The API's English stand-ins for a document without a number. */
const GERMAN_WORDS: Record<string, string> = { Draft: 'Entwurf', 'This document': 'Dieses Dokument', 'this draft': 'dieser Entwurf' };

function germanParams(issue: ErrorIssue): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(issue.params)) {
    if (MONEY_PARAMS.has(name) && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) out[name] = formatDecimalComma(value, { grouping: false });
    else if (typeof value === 'string' && GERMAN_WORDS[value]) out[name] = GERMAN_WORDS[value];
    else out[name] = value;
  }
  // The finalize check lists its problems; each is a code of its own.
  if (issue.code === 'invoice.notFinalizable' && typeof issue.params.problems === 'string') {
    out.problems = issue.params.problems
      .split('; ')
      .map((p) => {
        const known = codeOfText(p);
        return known ? errorText('de', known) : p;
      })
      .join('; ');
  }
  return out;
}

/**
 * A code with its parameters in the reader's language; a code this build does not know (a newer
 * API) shows `fallback`, the English message that came with it.
 */
export function errorText(lang: Lang, issue: ErrorIssue, fallback = ''): string {
  if (!isErrorCode(issue.code)) return fallback;
  if (lang === 'en') return fillPlaceholders(errorsEn[issue.code], issue.params);
  return fillPlaceholders(errorsDe[issue.code], germanParams(issue));
}

/**
 * A field problem (or a refusal) in the reader's language: by its code when it has one. A text
 * without a code is shown as it came (English, or already in the reader's language), except for
 * the few texts in validation-de.ts (the web's own number-input hints).
 */
export function problemText(lang: Lang, problem: FieldProblem): string {
  if (typeof problem !== 'string') return errorText(lang, problem);
  return lang === 'de' ? validationToGerman(problem) : problem;
}

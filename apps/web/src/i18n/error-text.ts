import { codeOfText, fillPlaceholders, isErrorCode, messageOf, type ErrorIssue } from '@workmate/domain/error-codes';
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
 * The codes of the English texts the app has been given with a code (by the API, or by a form's
 * own schema check). Forms pass field problems around as English text; the text of a code with
 * its parameters is always the same sentence, so the text finds its code again here.
 */
const issuesByText = new Map<string, ErrorIssue>();
const REMEMBERED_AT_MOST = 500;

export function rememberIssue(issue: ErrorIssue): void {
  if (!isErrorCode(issue.code)) return;
  if (issuesByText.size >= REMEMBERED_AT_MOST) issuesByText.clear();
  issuesByText.set(messageOf(issue), issue);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function readIssue(code: unknown, params: unknown): ErrorIssue | null {
  if (!isErrorCode(code)) return null;
  const out: Record<string, string | number> = {};
  if (isRecord(params)) for (const [name, value] of Object.entries(params)) if (typeof value === 'string' || typeof value === 'number') out[name] = value;
  return { code, params: out };
}

/**
 * The error codes an API answer carries (`data.appCode` / `data.params`, `data.fieldIssues`),
 * remembered so that `tv` shows the message and each field's message by code. Returns the
 * refusal's own code, if any.
 */
export function rememberIssues(data: Record<string, unknown>): ErrorIssue | null {
  const issue = readIssue(data.appCode, data.params);
  if (issue) rememberIssue(issue);
  if (isRecord(data.fieldIssues)) {
    for (const list of Object.values(data.fieldIssues)) {
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        const fieldIssue = isRecord(item) ? readIssue(item.code, item.params) : null;
        if (fieldIssue) rememberIssue(fieldIssue);
      }
    }
  }
  return issue;
}

/**
 * An English message in the reader's language: by its code when it has one (given with a code,
 * or a catalog text without parameters); otherwise as it came (English), except for the few
 * texts in validation-de.ts that carry no code (number-input hints, upload-endpoint texts).
 */
export function translateMessage(lang: Lang, message: string): string {
  const issue = issuesByText.get(message) ?? codeOfText(message);
  if (issue) return errorText(lang, issue);
  return lang === 'de' ? validationToGerman(message) : message;
}

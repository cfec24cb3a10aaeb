import { ERROR_MESSAGES, placeholdersOf, type ErrorCode } from '@workmate/domain/error-codes';
import { CustomerCreateInput } from '@workmate/domain/schemas/crm';
import { describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import { errorInfo, fieldErrorPaths } from '../lib/errors.ts';
import { fieldProblemsOf } from '../lib/field-errors.ts';
import { UploadError } from '../lib/upload.ts';
import { describeError } from '../ui/alert.tsx';
import { zodFieldErrors } from '../ui/use-form.ts';
import { errorText, problemText } from './error-text.ts';
import { formattersFor } from './i18n.tsx';
import { errorsDe } from './errors-de.ts';
import { errorsEn } from './errors-en.ts';

const codes = Object.keys(ERROR_MESSAGES) as ErrorCode[];

describe('error texts by code', () => {
  it('every code has a German and an English text', () => {
    expect(codes.length).toBeGreaterThan(100);
    for (const code of codes) {
      expect(errorsDe[code]?.trim(), code).toBeTruthy();
      expect(errorsEn[code]?.trim(), code).toBeTruthy();
    }
    // No text for a code that does not exist (a renamed code leaves no orphan behind).
    expect(Object.keys(errorsDe).sort()).toEqual([...codes].sort());
    expect(Object.keys(errorsEn).sort()).toEqual([...codes].sort());
  });

  it("the placeholders of each text are the code's parameters (German may leave one out, never invent one)", () => {
    for (const code of codes) {
      const params = placeholdersOf(ERROR_MESSAGES[code]);
      expect(placeholdersOf(errorsEn[code]), code).toEqual(params);
      for (const name of placeholdersOf(errorsDe[code])) expect(params, `${code}: {${name}}`).toContain(name);
    }
  });

  it('fills the parameters, in German with a decimal comma for amounts and German words for a missing number', () => {
    expect(errorText('de', { code: 'invoice.alreadyPaid', params: { number: 'RE-2026-0001' } })).toBe('RE-2026-0001 ist bereits vollständig bezahlt.');
    expect(errorText('en', { code: 'invoice.alreadyPaid', params: { number: 'RE-2026-0001' } })).toBe('RE-2026-0001 is already paid in full');
    expect(errorText('de', { code: 'field.tooLong', params: { max: 200 } })).toBe('darf höchstens 200 Zeichen lang sein');
    expect(errorText('de', { code: 'invoice.paymentExceedsOutstanding', params: { amount: '150.50', outstanding: '100.00', number: 'RE-1' } })).toBe(
      'Die Zahlung von 150,50 € übersteigt den offenen Betrag von 100,00 € auf RE-1.',
    );
    expect(errorText('de', { code: 'invoice.status.draftFirst', params: { number: 'Draft' } })).toBe('Entwurf: Ein Entwurf muss zuerst festgeschrieben werden.');
    expect(errorText('de', { code: 'invoice.notFinalizable', params: { problems: "The customer's name is missing; Add at least one line item" } })).toBe(
      'Das Dokument kann noch nicht festgeschrieben werden: Der Name des Kunden fehlt.; Bitte mindestens eine Position hinzufügen.',
    );
  });

  it('shows a problem by its code, and a problem without code as its text (German only for the few exact texts)', () => {
    const issue = { code: 'time.moreThanElapsed', params: { elapsed: '3:00', day: '2026-12-04' } } as const;
    expect(problemText('de', issue)).toBe('Heute sind erst 3:00 Stunden vergangen; bitte höchstens so viel für heute eintragen.');
    expect(problemText('en', issue)).toBe('Only 3:00 hours of 2026-12-04 have passed so far; enter at most that much for today');
    // A text is never looked up to find a code again: a text without a code stays as it came.
    expect(problemText('de', 'Something nobody has a code for')).toBe('Something nobody has a code for');
    expect(problemText('de', 'must be a number such as 12.500,00')).toBe('muss eine Zahl wie 12.500,00 sein');
    expect(problemText('en', 'must be a number such as 12.500,00')).toBe('must be a number such as 12.500,00');
    // An unknown code (a newer API) shows the English text of the message.
    const newer = JSON.parse('{"code":"invoice.somethingNew","params":{}}') as { code: ErrorCode; params: Record<string, string> };
    expect(errorText('de', newer, 'Something new went wrong')).toBe('Something new went wrong');
  });

  it("a form's own schema check keeps its code: a length limit is shown in German with its number", () => {
    const parsed = CustomerCreateInput.safeParse({ name: 'x'.repeat(300) });
    if (parsed.success) throw new Error('expected a refusal');
    const errors = zodFieldErrors(parsed.error);
    expect(errors.name).toEqual([{ code: 'field.tooLong', params: { max: expect.stringMatching(/^\d+$/) } }]);
    expect(problemText('de', errors.name?.[0] ?? '')).toMatch(/^darf höchstens \d+ Zeichen lang sein$/);
  });
});

/** An API refusal as the tRPC client hands it to the web app. */
function apiRefusal(message: string, data: Record<string, unknown>): TRPCClientError<never> {
  return TRPCClientError.from({ error: { message, code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400, ...data } } });
}

describe('field errors from an API answer carry their codes', () => {
  it("a field's problem is shown in German by its code, whatever English text came with it", () => {
    // The English text is one the catalog does not know (an API whose wording moved on): the code decides.
    const error = apiRefusal('Invalid input: name is far too long', {
      fieldErrors: { name: ['is far too long'], 'permissions.3': ['not a permission'] },
      fieldIssues: { name: [{ code: 'field.tooLong', params: { max: 200 } }] },
      appCode: 'request.invalidInput',
      params: { details: 'name is far too long' },
    });
    const info = errorInfo(error);
    expect(info.fieldErrors.name).toEqual([{ code: 'field.tooLong', params: { max: 200 } }]);
    expect(info.fieldErrors.name?.map((p) => problemText('de', p))).toEqual(['darf höchstens 200 Zeichen lang sein']);
    // Without a code the API's text is all there is; nested paths land at the top-level field.
    expect(info.fieldErrors.permissions).toEqual(['not a permission']);
    expect(info.issue).toEqual({ code: 'request.invalidInput', params: { details: 'name is far too long' } });
    // The forms that show nested problems where they belong get the same codes under full paths.
    expect(fieldErrorPaths(error)).toEqual({ name: [{ code: 'field.tooLong', params: { max: 200 } }], 'permissions.3': ['not a permission'] });
  });

  it("the refusal itself is shown by its code (a blocked sign-in says how long to wait)", () => {
    const error = apiRefusal('Too many failed sign-ins from your address. Try again in 5 minutes.', {
      code: 'TOO_MANY_REQUESTS',
      httpStatus: 429,
      fieldErrors: undefined,
      appCode: 'auth.signInBlockedIpMinutes',
      params: { minutes: 5 },
    });
    const { t, tv } = formattersFor('de');
    expect(describeError(error, t, tv)).toBe('Zu viele fehlgeschlagene Anmeldungen von Ihrer Adresse. Bitte in 5 Minuten erneut versuchen.');
    // Without a code the general sentence stays.
    const plain = apiRefusal('Slow down', { code: 'TOO_MANY_REQUESTS', httpStatus: 429, fieldErrors: undefined });
    expect(describeError(plain, t, tv)).toBe(t('error.tooManyRequests'));
  });

  it('an upload refusal carries its code and the field problem its code', () => {
    const problems = fieldProblemsOf({ fieldErrors: { file: ['The file is larger than 50 MB'] }, fieldIssues: { file: [{ code: 'upload.tooLarge', params: { mb: 50 } }] } });
    expect(problems.file?.map((p) => problemText('de', p))).toEqual(['Die Datei ist größer als 50 MB.']);
    const error = new UploadError('The file is larger than 50 MB', 'PAYLOAD_TOO_LARGE', problems, { code: 'upload.tooLarge', params: { mb: 50 } });
    const { t, tv } = formattersFor('de');
    expect(describeError(error, t, tv)).toBe('Die Datei ist größer als 50 MB.');
  });
});

import { ERROR_MESSAGES, placeholdersOf, type ErrorCode } from '@workmate/domain/error-codes';
import { fieldProblem } from '@workmate/domain/field-issues';
import { CustomerCreateInput } from '@workmate/domain/schemas/crm';
import { describe, expect, it } from 'vitest';
import { errorText, rememberIssue, translateMessage } from './error-text.ts';
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

  it('translates a message by the code it came with, and falls back to the English message for a text without code', () => {
    const message = 'Only 3:00 hours of 2026-12-04 have passed so far; enter at most that much for today';
    // Before the API has said which code this is, the sentence stays English.
    expect(translateMessage('de', message)).toBe(message);
    rememberIssue({ code: 'time.moreThanElapsed', params: { elapsed: '3:00', day: '2026-12-04' } });
    expect(translateMessage('de', message)).toBe('Heute sind erst 3:00 Stunden vergangen; bitte höchstens so viel für heute eintragen.');
    expect(translateMessage('en', message)).toBe(message);
    // A catalog text without parameters needs no code from the API.
    expect(translateMessage('de', 'Time entries cannot be in the future')).toBe('Zeiteinträge können nicht in der Zukunft liegen.');
    expect(translateMessage('de', 'Something nobody has a code for')).toBe('Something nobody has a code for');
    // An unknown code (a newer API) shows the English text of the message.
    const newer = JSON.parse('{"code":"invoice.somethingNew","params":{}}') as { code: ErrorCode; params: Record<string, string> };
    expect(errorText('de', newer, 'Something new went wrong')).toBe('Something new went wrong');
  });

  it("a form's own schema check finds its code: a length limit is shown in German with its number", () => {
    const parsed = CustomerCreateInput.safeParse({ name: 'x'.repeat(300) });
    const issue = parsed.error?.issues[0];
    if (!issue) throw new Error('expected a refusal');
    const problem = fieldProblem(issue);
    if (!problem.issue) throw new Error('expected a code');
    expect(problem.issue.code).toBe('field.tooLong');
    rememberIssue(problem.issue);
    expect(translateMessage('de', issue.message)).toMatch(/^darf höchstens \d+ Zeichen lang sein$/);
  });
});

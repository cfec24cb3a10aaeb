import Handlebars from 'handlebars';
import type { MailingMail } from '@workmate/db/campaigns/mail';
import { PUBLIC_PATHS } from '@workmate/domain/campaigns';

/** Base URL without a trailing slash. */
const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '');

export const unsubscribeUrl = (publicUrl: string, token: string) => `${base(publicUrl)}${PUBLIC_PATHS.unsubscribe}${token}`;
export const openPixelUrl = (publicUrl: string, token: string) => `${base(publicUrl)}${PUBLIC_PATHS.open}${token}`;
export const confirmUrl = (publicUrl: string, token: string) => `${base(publicUrl)}${PUBLIC_PATHS.confirm}${token}`;

const escapeHtml = (text: string) => Handlebars.Utils.escapeExpression(text);

/**
 * Fills a mailing's placeholders (only {{firstName}}, {{lastName}}, {{customerName}} and
 * {{email}} pass the API's check; no helpers run: knownHelpersOnly). The plain-text part is the
 * filled text; the HTML part is that text HTML-escaped as a whole (the body is plain text, and the
 * values a contact typed can never become markup), with the unsubscribe link and the open pixel.
 */
export function renderMailing(mail: MailingMail, publicUrl: string): { subject: string; text: string; html: string; unsubscribeUrl: string } {
  const data = { firstName: mail.firstName, lastName: mail.lastName, customerName: mail.customerName, email: mail.email };
  const fill = (template: string) => Handlebars.compile(template, { noEscape: true, knownHelpersOnly: true, knownHelpers: {} })(data);
  const subject = fill(mail.subject).replace(/[\r\n]+/g, ' ');
  const body = fill(mail.body);
  const unsubscribe = unsubscribeUrl(publicUrl, mail.unsubscribeToken);
  const text = `${body}\n\n-- \nSie erhalten diese E-Mail, weil Sie eingewilligt haben. Abmelden: ${unsubscribe}\n`;
  const html = `<!doctype html><html><body><div style="white-space:pre-wrap">${escapeHtml(body)}</div>
<p style="font-size:12px;color:#666">Sie erhalten diese E-Mail, weil Sie eingewilligt haben. <a href="${escapeHtml(unsubscribe)}">Abmelden</a></p>
<img src="${escapeHtml(openPixelUrl(publicUrl, mail.openToken))}" width="1" height="1" alt=""></body></html>`;
  return { subject, text, html, unsubscribeUrl: unsubscribe };
}

/** The double opt-in mail: the link to confirm (the page behind it asks for one more click). */
export function renderConsentRequest(token: string, publicUrl: string, company: string | null): { subject: string; text: string } {
  const link = confirmUrl(publicUrl, token);
  const from = company ? ` von ${company}` : '';
  return {
    subject: `Bitte bestätigen Sie Ihre Anmeldung${from}`,
    text: `Guten Tag,

bitte bestätigen Sie, dass Sie Informationen${from} per E-Mail erhalten möchten:

${link}

Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; Sie erhalten dann nichts.
Ihre Einwilligung können Sie jederzeit mit dem Abmeldelink in jeder E-Mail widerrufen.

--
Please confirm that you want to receive information${company ? ` from ${company}` : ''} by email: ${link}
`,
  };
}

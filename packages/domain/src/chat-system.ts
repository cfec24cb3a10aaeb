import { formatDecimalComma } from './money.ts';

/**
 * What a chat system message says, as a code and its parameters (stored in `system_data`). The
 * web app words it in the reader's language (apps/web/src/modules/chat/system-text.ts).
 */
export type SystemMessage =
  | { code: 'project.created'; params: { number: string; title: string } }
  | { code: 'project.status'; params: { before: string; after: string } }
  | { code: 'invoice.finalized'; params: { number: string; gross: string } }
  | { code: 'invoice.paid'; params: { number: string } }
  | { code: 'budget.80'; params: { used: string; budget: string } };

const PROJECT_STATUS_DE: Record<string, string> = { planning: 'In Planung', active: 'Aktiv', on_hold: 'Pausiert', completed: 'Abgeschlossen', cancelled: 'Abgebrochen' };
const euro = (amount: string) => `${formatDecimalComma(amount, { grouping: true })} €`;

/**
 * The German text stored with a system message (`content`) for every reader that does not word
 * the code itself (an older web app, exports, the database). A template, kept out of the
 * services that post the messages, so they carry no wording of their own.
 */
export function systemMessageGerman(m: SystemMessage): string {
  switch (m.code) {
    case 'project.created':
      return `Projekt ${m.params.number} „${m.params.title}“ angelegt`;
    case 'project.status':
      return `Projektstatus geändert: ${PROJECT_STATUS_DE[m.params.before] ?? m.params.before} → ${PROJECT_STATUS_DE[m.params.after] ?? m.params.after}`;
    case 'invoice.finalized':
      return `Rechnung ${m.params.number} festgeschrieben (${euro(m.params.gross)})`;
    case 'invoice.paid':
      return `Rechnung ${m.params.number} bezahlt`;
    case 'budget.80':
      return `Budget zu 80 % verbraucht (${euro(m.params.used)} von ${euro(m.params.budget)})`;
  }
}

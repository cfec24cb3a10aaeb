import type { TFunction } from '../../i18n/i18n.tsx';
import type { ChatMessage } from './use-chat-messages.ts';

type SystemMessage = NonNullable<ChatMessage['system']>;

/**
 * A system message worded in the reader's language from its code and parameters: status
 * labels instead of codes, amounts as money. A code this version does not know (a newer API)
 * yields null, and the caller shows the stored text instead.
 */
export function systemMessageText(m: SystemMessage, f: { t: TFunction; tOr: (key: string, fallback: string) => string; formatMoney: (amount: string) => string }): string | null {
  switch (m.code) {
    case 'project.created':
      return f.t('chatSystem.projectCreated', m.params);
    case 'project.status':
      return f.t('chatSystem.projectStatus', {
        before: f.tOr(`projectStatus.${m.params.before}`, m.params.before),
        after: f.tOr(`projectStatus.${m.params.after}`, m.params.after),
      });
    case 'invoice.finalized':
      return f.t('chatSystem.invoiceFinalized', { number: m.params.number, gross: f.formatMoney(m.params.gross) });
    case 'invoice.paid':
      return f.t('chatSystem.invoicePaid', m.params);
    case 'budget.80':
      return f.t('chatSystem.budget80', { used: f.formatMoney(m.params.used), budget: f.formatMoney(m.params.budget) });
    default:
      return null;
  }
}

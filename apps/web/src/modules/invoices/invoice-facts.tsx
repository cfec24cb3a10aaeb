import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { Card } from '../../ui/page.tsx';
import { percentText, type Invoice } from './invoice-options.ts';

function Item({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children || '—'}</dd>
    </div>
  );
}

/** Dates, terms and tax case of a document. */
export function InvoiceFacts({ invoice: inv }: { invoice: Invoice }) {
  const { t, tOr, lang, formatDate, formatDateTime, formatMoney } = useI18n();
  const period = inv.servicePeriodFrom && inv.servicePeriodTo ? `${formatDate(inv.servicePeriodFrom)} – ${formatDate(inv.servicePeriodTo)}` : null;
  return (
    <Card title={t('invoice.facts')} testId="invoice-facts">
      <dl className="details">
        <Item label={t(inv.type === 'quote' ? 'invoice.quoteDate' : 'invoice.issueDate')} testId="invoice-issue-date">
          {inv.issueDate ? formatDate(inv.issueDate) : <span className="muted">{t('invoice.notYetIssued')}</span>}
        </Item>
        {period ? (
          <Item label={t('invoice.servicePeriod')}>{period}</Item>
        ) : (
          <Item label={t('invoice.serviceDate')}>{inv.serviceDate ? formatDate(inv.serviceDate) : null}</Item>
        )}
        {inv.type === 'invoice' ? (
          <Item label={t('invoice.dueDate')} testId="invoice-due-date">
            {inv.dueDate ? formatDate(inv.dueDate) : t('invoice.dueAfterDays', { days: inv.paymentTermsDays })}
          </Item>
        ) : null}
        {inv.skontoOffer ? (
          <Item label={t('invoice.skontoPercent')} testId="invoice-skonto">
            {t('invoice.skontoTerms', { percent: percentText(inv.skontoOffer.percent, lang), days: inv.skontoOffer.days })}
            {inv.skontoOffer.until ? ` (${formatDate(inv.skontoOffer.until)}: ${formatMoney(inv.skontoOffer.reducedAmount)})` : null}
          </Item>
        ) : null}
        {inv.type === 'quote' ? <Item label={t('invoice.validUntil')}>{inv.validUntil ? formatDate(inv.validUntil) : null}</Item> : null}
        <Item label={t('invoice.taxCase')}>{tOr(`taxCase.${inv.taxCase}`, inv.taxCase)}</Item>
        <Item label={t('invoice.language')}>{tOr(`language.${inv.language}`, inv.language)}</Item>
        <Item label={t('invoice.responsible')}>{inv.responsible?.name}</Item>
        {inv.customer.vatId ? <Item label={t('customer.vatId')}>{inv.customer.vatId}</Item> : null}
        {inv.finalizedAt ? <Item label={t('invoice.finalizedAt')}>{formatDateTime(inv.finalizedAt)}</Item> : null}
        {inv.sentAt ? <Item label={t('invoice.sentAt')}>{formatDateTime(inv.sentAt)}</Item> : null}
        {inv.paidAt ? <Item label={t('invoice.paidAt')}>{formatDateTime(inv.paidAt)}</Item> : null}
        {inv.cancelledAt ? <Item label={t('invoice.cancelledAt')}>{formatDateTime(inv.cancelledAt)}</Item> : null}
      </dl>
    </Card>
  );
}

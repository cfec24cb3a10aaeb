import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { Card } from '../../ui/page.tsx';
import type { Customer } from './customer-form.tsx';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children || '—'}</dd>
    </div>
  );
}

/** Safe external link: only http(s) addresses become links. */
function website(url: string | null) {
  if (!url) return null;
  const href = /^https?:\/\//i.test(url) ? url : `https://${url}`;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {url}
    </a>
  );
}

export function CustomerDetails({ customer: c }: { customer: Customer }) {
  const { t, tOr, formatDateTime } = useI18n();
  const address = [c.street, [c.zipCode, c.city].filter(Boolean).join(' '), c.country].filter(Boolean);
  return (
    <Card title={t('customer.masterData')} testId="customer-details">
      <dl className="details">
        <Item label={t('customer.type')}>{tOr(`customerType.${c.type}`, c.type)}</Item>
        <Item label={t('customer.email')}>{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : null}</Item>
        <Item label={t('customer.phone')}>{c.phone ? <a href={`tel:${c.phone.replace(/[^+\d]/g, '')}`}>{c.phone}</a> : null}</Item>
        <Item label={t('customer.website')}>{website(c.website)}</Item>
        <Item label={t('customer.address')}>
          {address.length
            ? address.map((line, i) => (
                <span key={i} className="block">
                  {line}
                </span>
              ))
            : null}
        </Item>
        <Item label={t('customer.language')}>{tOr(`language.${c.language}`, c.language)}</Item>
        <Item label={t('customer.taxId')}>{c.taxId}</Item>
        <Item label={t('customer.vatId')}>{c.vatId}</Item>
        <Item label={t('customer.einvoiceFormat')}>
          <span data-testid="customer-einvoice">{tOr(`einvoiceFormat.${c.einvoiceFormat}`, c.einvoiceFormat)}</span>
        </Item>
        {c.buyerReference ? <Item label={t('customer.buyerReference')}>{c.buyerReference}</Item> : null}
        {c.electronicAddress ? <Item label={t('customer.electronicAddress')}>{`${c.electronicAddress}${c.electronicAddressScheme ? ` (${c.electronicAddressScheme})` : ''}`}</Item> : null}
        <Item label={t('customer.primaryContact')}>{c.primaryContact?.name}</Item>
        <Item label={t('customer.createdAt')}>{formatDateTime(c.createdAt)}</Item>
        <Item label={t('customer.updatedAt')}>{formatDateTime(c.updatedAt)}</Item>
      </dl>
      {c.notes ? (
        <div className="notes">
          <h3>{t('customer.notes')}</h3>
          <p className="pre-wrap">{c.notes}</p>
        </div>
      ) : null}
    </Card>
  );
}

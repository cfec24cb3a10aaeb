import type { INVOICE_SORTS } from '@workmate/domain/schemas/invoices';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { SortHeader, type SortState } from '../../ui/sort-header.tsx';
import type { InvoiceListItem } from './invoice-options.ts';
import { InvoiceStatusBadge } from './invoice-status-badge.tsx';

export type InvoiceSort = (typeof INVOICE_SORTS)[number];

interface Props {
  items: InvoiceListItem[];
  sort?: SortState<InvoiceSort>;
  onSort?: (next: SortState<InvoiceSort>) => void;
  /** With a selection the rows get checkboxes (bulk actions). */
  selected?: Set<string>;
  onSelect?: (next: Set<string>) => void;
  showProject?: boolean;
}

/** Documents as rows; a click anywhere on a row opens it. */
export function InvoiceTable({ items, sort, onSort, selected, onSelect, showProject = true }: Props) {
  const { t, tOr, formatDate, formatMoney } = useI18n();
  const [, navigate] = useLocation();
  // `low`: a column phones leave out (see .col-low in styles.css).
  const header = (column: InvoiceSort, label: string, low = false) =>
    sort && onSort ? <SortHeader column={column} label={label} state={sort} onChange={onSort} className={low ? 'col-low' : undefined} /> : <th className={low ? 'col-low' : undefined}>{label}</th>;
  const allChosen = !!selected && items.length > 0 && items.every((i) => selected.has(i.id));
  const toggle = (id: string) => {
    if (!selected || !onSelect) return;
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };

  return (
    <div className="table-wrap">
      <table className="table" data-testid="invoice-table">
        <thead>
          <tr>
            {selected && onSelect ? (
              <th>
                <input
                  type="checkbox"
                  checked={allChosen}
                  onChange={() => onSelect(allChosen ? new Set() : new Set(items.map((i) => i.id)))}
                  aria-label={t('approval.selectAll')}
                  data-testid="invoice-select-all"
                />
              </th>
            ) : null}
            {header('number', t('invoice.number'))}
            <th className="col-low">{t('invoice.type')}</th>
            {header('customer', t('invoice.customer'))}
            {showProject ? <th className="col-low">{t('invoice.project')}</th> : null}
            {header('issueDate', t('invoice.date'), true)}
            {header('dueDate', t('invoice.dueDate'), true)}
            <th className="col-low">{t('invoice.status')}</th>
            {header('grossTotal', t('invoice.gross'))}
            <th className="num col-low">{t('invoice.outstanding')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} className="row-clickable" onClick={() => navigate(`/invoices/${i.id}`)} data-testid="invoice-row" data-id={i.id}>
              {selected && onSelect ? (
                <td onClick={(e) => e.stopPropagation()}>
                  <input type="checkbox" checked={selected.has(i.id)} onChange={() => toggle(i.id)} aria-label={t('approval.select')} data-testid="invoice-select" />
                </td>
              ) : null}
              <td className="nowrap">
                <Link href={`/invoices/${i.id}`} className="row-link mono" onClick={(e) => e.stopPropagation()}>
                  {i.number ?? t('invoice.draftNumber')}
                </Link>
              </td>
              <td className="col-low">{tOr(`invoiceType.${i.type}`, i.type)}</td>
              <td>{i.customer.name}</td>
              {showProject ? <td className="col-low">{i.project ? <span className="small">{`${i.project.projectNumber} · ${i.project.title}`}</span> : null}</td> : null}
              <td className="nowrap col-low">{i.issueDate ? formatDate(i.issueDate) : <span className="muted">{formatDate(i.createdAt)}</span>}</td>
              <td className="nowrap col-low">{i.dueDate ? formatDate(i.dueDate) : null}</td>
              <td className="col-low">
                <InvoiceStatusBadge status={i.status} />
              </td>
              <td className="num nowrap">{formatMoney(i.grossTotal)}</td>
              <td className="num nowrap col-low">{i.type === 'invoice' && i.status !== 'draft' ? formatMoney(i.outstandingAmount) : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

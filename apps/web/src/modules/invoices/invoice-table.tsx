import type { INVOICE_SORTS } from '@workmate/domain/schemas/invoices';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import type { SortState } from '../../ui/sort-header.tsx';
import { SortableTable } from '../../ui/sortable-table.tsx';
import type { InvoiceListItem } from './invoice-options.ts';
import { InvoiceStatusBadge } from './invoice-status-badge.tsx';

export type InvoiceSort = (typeof INVOICE_SORTS)[number];

interface Props {
  items: InvoiceListItem[];
  sort: SortState<InvoiceSort>;
  onSort: (next: SortState<InvoiceSort>) => void;
  /** With a selection the rows get checkboxes (bulk actions). */
  selected?: Set<string>;
  onSelect?: (next: Set<string>) => void;
  showProject?: boolean;
}

/** Documents as rows; a click anywhere on a row opens it. */
export function InvoiceTable({ items, sort, onSort, selected, onSelect, showProject = true }: Props) {
  const { t, tOr, formatDate, formatMoney } = useI18n();
  const [, navigate] = useLocation();
  const allChosen = !!selected && items.length > 0 && items.every((i) => selected.has(i.id));
  const toggle = (id: string) => {
    if (!selected || !onSelect) return;
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };

  return (
    <SortableTable
      testId="invoice-table"
      sort={sort}
      onSort={onSort}
      selectAll={
        selected && onSelect
          ? { checked: allChosen, onChange: () => onSelect(allChosen ? new Set() : new Set(items.map((i) => i.id))), label: t('approval.selectAll'), testId: 'invoice-select-all' }
          : undefined
      }
      // `col-low`: a column phones leave out (see .col-low in styles.css).
      columns={[
        { sort: 'number', label: t('invoice.number') },
        { label: t('invoice.type'), className: 'col-low' },
        { sort: 'customer', label: t('invoice.customer') },
        showProject ? { label: t('invoice.project'), className: 'col-low' } : null,
        { sort: 'issueDate', label: t('invoice.date'), className: 'col-low' },
        { sort: 'dueDate', label: t('invoice.dueDate'), className: 'col-low' },
        { label: t('invoice.status'), className: 'col-low' },
        { sort: 'grossTotal', label: t('invoice.gross') },
        { label: t('invoice.outstanding'), className: 'num col-low' },
      ]}
    >
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
    </SortableTable>
  );
}

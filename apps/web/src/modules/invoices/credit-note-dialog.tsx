import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { TextAreaField } from '../../ui/form-fields.tsx';
import { CancelButton, Modal } from '../../ui/modal.tsx';
import { useInvalidateInvoices, type Invoice } from './invoice-options.ts';

interface Row {
  include: boolean;
  quantity: string;
  unitPrice: string;
}

/**
 * A credit note (Rechnungskorrektur) against a finalized invoice: the lines to take back, each
 * with the quantity and unit price to credit (by default the whole line). The server refuses
 * more than remains of the invoice; the result is a draft, finalized like any document.
 */
export function CreditNoteDialog({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const { t, formatMoney } = useI18n();
  const trpc = useTRPC();
  const invalidate = useInvalidateInvoices();
  const [, navigate] = useLocation();
  const [reason, setReason] = useState('');
  const [rows, setRows] = useState<Row[]>(() => invoice.lines.map((l) => ({ include: false, quantity: l.quantity, unitPrice: l.unitPrice })));
  const create = useMutation(
    trpc.invoices.creditNotes.create.mutationOptions({
      onSuccess: async (draft) => {
        await invalidate();
        navigate(`/invoices/${draft.id}`);
      },
    }),
  );
  const change = (i: number, patch: Partial<Row>) => setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const lines = invoice.lines.flatMap((l, i) => {
      const row = rows[i];
      return row?.include ? [{ description: l.description, quantity: row.quantity, unit: l.unit, unitPrice: row.unitPrice, taxRate: l.taxRate }] : [];
    });
    create.mutate({ invoiceId: invoice.id, reason, lines });
  };

  return (
    <Modal title={t('invoice.creditNoteTitle', { number: invoice.number ?? '' })} onClose={onClose} testId="credit-note-dialog" wide>
      <form className="form-grid" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={create.error} />
        <p className="field-wide">{t('invoice.creditNoteText')}</p>
        <table className="table table-compact field-wide">
          <thead>
            <tr>
              <th>{t('invoice.creditNoteInclude')}</th>
              <th>{t('invoice.lineDescription')}</th>
              <th className="num">{t('invoice.lineQuantity')}</th>
              <th className="num">{t('invoice.lineUnitPrice')}</th>
              <th className="num">{t('invoice.lineTaxRate')}</th>
              <th className="num">{t('invoice.lineNet')}</th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((l, i) => (
              <tr key={l.id}>
                <td>
                  <input type="checkbox" checked={rows[i]?.include ?? false} onChange={(e) => change(i, { include: e.target.checked })} aria-label={l.description} data-testid={`credit-line-${i}`} />
                </td>
                <td>{l.description}</td>
                <td className="num">
                  <input inputMode="decimal" value={rows[i]?.quantity ?? ''} onChange={(e) => change(i, { quantity: e.target.value })} aria-label={t('invoice.lineQuantity')} data-testid={`credit-quantity-${i}`} />
                </td>
                <td className="num">
                  <input inputMode="decimal" value={rows[i]?.unitPrice ?? ''} onChange={(e) => change(i, { unitPrice: e.target.value })} aria-label={t('invoice.lineUnitPrice')} data-testid={`credit-price-${i}`} />
                </td>
                <td className="num">{l.taxRate} %</td>
                <td className="num nowrap">{formatMoney(l.netAmount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <TextAreaField name="reason" label={t('invoice.creditNoteReason')} value={reason} onChange={setReason} rows={2} testId="credit-reason" wide />
        <div className="form-actions">
          <CancelButton onCancel={onClose}>{t('common.cancel')}</CancelButton>
          <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="credit-submit">
            {t('invoice.creditNoteSubmit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

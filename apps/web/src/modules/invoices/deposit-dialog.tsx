import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { SelectField, TextField } from '../../ui/form-fields.tsx';
import { CancelButton, Modal } from '../../ui/modal.tsx';
import { useInvalidateInvoices } from './invoice-options.ts';

/**
 * A deposit invoice (Abschlagsrechnung) as a draft: against a quote a percentage of its net or a
 * net amount, split over the quote's VAT rates by the server; against a project a net amount at
 * one rate. Opens the new draft.
 */
export function DepositDialog({ quoteId, projectId, onClose }: { quoteId?: string; projectId?: string; onClose: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const invalidate = useInvalidateInvoices();
  const [, navigate] = useLocation();
  const [mode, setMode] = useState<'percent' | 'netAmount'>(quoteId ? 'percent' : 'netAmount');
  const [value, setValue] = useState('');
  const [taxRate, setTaxRate] = useState('19');
  const create = useMutation(
    trpc.invoices.deposits.create.mutationOptions({
      onSuccess: async (draft) => {
        await invalidate();
        navigate(`/invoices/${draft.id}`);
      },
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const amount = mode === 'percent' ? { percent: value } : { netAmount: value };
    create.mutate({ ...(quoteId ? { quoteId } : { projectId }), ...amount, taxRate: Number(taxRate) as 19 | 7 | 0 });
  };

  return (
    <Modal title={t('invoice.depositTitle')} onClose={onClose} testId="deposit-dialog">
      <form className="form-grid" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={create.error} />
        <p className="field-wide">{quoteId ? t('invoice.depositText') : t('invoice.depositTextProject')}</p>
        {quoteId ? (
          <SelectField
            name="mode"
            label={t('invoice.depositMode')}
            value={mode}
            onChange={(v) => setMode(v === 'percent' ? 'percent' : 'netAmount')}
            options={[
              { value: 'percent', label: t('invoice.depositPercent') },
              { value: 'netAmount', label: t('invoice.depositNet') },
            ]}
            testId="deposit-mode"
          />
        ) : (
          <SelectField
            name="taxRate"
            label={t('invoice.lineTaxRate')}
            value={taxRate}
            onChange={setTaxRate}
            options={['19', '7', '0'].map((r) => ({ value: r, label: `${r} %` }))}
            testId="deposit-rate"
          />
        )}
        <TextField
          name="value"
          label={mode === 'percent' ? t('invoice.depositPercent') : t('invoice.depositNet')}
          value={value}
          onChange={setValue}
          inputMode="decimal"
          required
          testId="deposit-value"
        />
        <div className="form-actions">
          <CancelButton onCancel={onClose}>{t('common.cancel')}</CancelButton>
          <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="deposit-submit">
            {t('invoice.depositSubmit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

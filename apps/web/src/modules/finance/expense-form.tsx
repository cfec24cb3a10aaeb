import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TAX_RATES } from '@workmate/domain/enums';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import type { DocumentDto } from '../../lib/upload.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { enumOptions, withCurrent } from '../../ui/enum-options.ts';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { Card } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useCan, useMe } from '../../lib/session.ts';
import { projectLabel, useProjectOptions } from '../../pickers/project-options.ts';
import { EXPENSE_CATEGORIES, useInvalidateExpenses, type Expense } from './expense-options.ts';
import { expenseValues, liveVat, toCreateInput, toUpdateInput } from './expense-values.ts';
import { ReceiptField, type Receipt } from './receipt-field.tsx';

interface Props {
  /** The expense to change; without it a new one is recorded. */
  expense?: Expense;
  preset: { projectId: string; today: string };
  /** False for a billed expense, or one the user may not change: everything is shown read-only. */
  editable: boolean;
  onSaved: (saved: Expense) => void;
  onCancel: () => void;
}

/** Record or change an expense: who, what, how much (VAT and gross computed live), and the receipt. */
export function ExpenseForm({ expense, preset, editable, onSaved, onCancel }: Props) {
  const { t, tOr, tv, lang, formatMoney } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const invalidate = useInvalidateExpenses();
  const manages = can('finance.manage');
  const form = useForm(expenseValues(expense, { employeeId: me?.id ?? '', ...preset }, lang));
  const v = form.values;
  const [receipt, setReceipt] = useState<Receipt | null>(expense?.receipt ?? null);
  // A receipt uploaded here that no record claims yet: linked to the expense once it is saved.
  const [fresh, setFresh] = useState<DocumentDto | null>(null);
  const [uploading, setUploading] = useState(false);

  const { projects } = useProjectOptions({ includeClosed: true });
  // A project preset from the address may lie beyond the first page of the option list.
  const listed = projects.some((p) => p.id === v.projectId);
  const chosenProject = useQuery({ ...trpc.projects.get.queryOptions({ id: v.projectId }), enabled: !!v.projectId && !listed && !expense?.project && can('projects.read') });
  const people = useQuery({ ...trpc.core.employees.list.queryOptions({ page: 1, pageSize: 200, sort: 'lastName', direction: 'asc' }), enabled: manages && can('core.read') });
  const invoices = useQuery({
    ...trpc.invoices.list.queryOptions({ page: 1, pageSize: 100, type: 'invoice', projectId: v.projectId || undefined, sort: 'createdAt', direction: 'desc' }),
    enabled: can('invoices.read'),
  });

  const link = useMutation(trpc.documents.update.mutationOptions());
  const create = useMutation(trpc.finance.expenses.create.mutationOptions());
  const update = useMutation(trpc.finance.expenses.update.mutationOptions());
  const pending = create.isPending || update.isPending;
  const vat = liveVat(v.netAmount, v.taxRate, lang);

  const afterSave = async (saved: Expense) => {
    // The receipt belongs to this expense from now on (documents list it under the expense).
    if (fresh && fresh.entity === null && receipt?.id === fresh.id) {
      await link.mutateAsync({ id: fresh.id, version: fresh.version, entity: 'expense', entityId: saved.id }).catch(() => undefined);
      setFresh(null);
    }
    await invalidate();
    onSaved(saved);
  };
  const onError = (error: unknown) => form.setErrors(errorInfo(error).fieldErrors);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (uploading) return;
    const receiptId = receipt?.id ?? null;
    if (expense) {
      const parsed = toUpdateInput(expense, v, receiptId, manages, lang);
      if (!parsed.ok) return form.setErrors(parsed.errors);
      return update.mutate(parsed.data, { onSuccess: afterSave, onError });
    }
    const parsed = toCreateInput(v, receiptId, manages, lang);
    if (!parsed.ok) return form.setErrors(parsed.errors);
    create.mutate(parsed.data, { onSuccess: afterSave, onError });
  };

  const employeeOptions = withCurrent(
    (people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.lastName}, ${p.firstName}` })),
    expense ? expense.employee : me ? { id: me.id, name: `${me.lastName}, ${me.firstName}` } : null,
  );
  const projectOptions = withCurrent(
    projects.map((p) => ({ value: p.id, label: projectLabel(p) })),
    expense?.project ? { id: expense.project.id, name: projectLabel(expense.project) } : chosenProject.data ? { id: chosenProject.data.id, name: projectLabel(chosenProject.data) } : null,
  );
  const invoiceOptions = withCurrent(
    (invoices.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.number ?? t('invoice.draftNumber')} · ${i.customer.name}` })),
    expense?.invoice ? { id: expense.invoice.id, name: expense.invoice.number ?? t('invoice.draftNumber') } : null,
  );
  const ro = !editable;

  return (
    <form onSubmit={onSubmit} noValidate data-testid="expense-form">
      <ErrorAlert error={create.error ?? update.error} onReload={() => void queryClient.invalidateQueries({ queryKey: trpc.finance.pathKey() })} />
      <Card title={t('expense.sectionWhat')}>
        <div className="form-grid">
          {manages ? (
            <SelectField {...form.text('employeeId')} label={t('expense.employee')} options={employeeOptions} disabled={ro} testId="expense-employee" />
          ) : null}
          <TextField {...form.text('title')} label={t('expense.title')} required disabled={ro} testId="expense-title" />
          <SelectField {...form.text('category')} label={t('expense.category')} options={enumOptions(EXPENSE_CATEGORIES, 'expenseCategory', tOr)} required disabled={ro} testId="expense-category" />
          <TextField {...form.text('expenseDate')} type="date" label={t('expense.date')} required disabled={ro} testId="expense-date" />
          <SelectField
            {...form.text('projectId')}
            onChange={(id) => {
              form.set('projectId', id);
              // An invoice of another project no longer fits.
              if (v.invoiceId) form.set('invoiceId', '');
            }}
            label={t('expense.project')}
            options={projectOptions}
            emptyLabel={t('expense.noProject')}
            disabled={ro}
            testId="expense-project"
          />
          {can('invoices.read') ? (
            <SelectField {...form.text('invoiceId')} label={t('expense.invoice')} options={invoiceOptions} emptyLabel={t('common.none')} hint={t('expense.invoiceHint')} disabled={ro} testId="expense-invoice" />
          ) : null}
          <TextAreaField {...form.text('description')} label={t('expense.description')} rows={2} disabled={ro} testId="expense-description" />
        </div>
      </Card>
      <Card title={t('expense.sectionAmount')}>
        <div className="form-grid">
          <TextField {...form.text('netAmount')} label={t('expense.net')} inputMode="decimal" hint={t('project.moneyHint')} required disabled={ro} testId="expense-net" />
          <SelectField {...form.text('taxRate')} label={t('expense.taxRate')} options={TAX_RATES.map((r) => ({ value: String(r), label: `${r} %` }))} disabled={ro} testId="expense-tax-rate" />
          <div className="field-wide">
            <CheckboxField {...form.check('billable')} label={t('expense.billable')} disabled={ro} testId="expense-billable" />
            <small className="hint">{t('expense.billableHint')}</small>
          </div>
        </div>
        <div className="totals-box">
          <table className="table totals-table" data-testid="expense-totals">
            <tbody>
              <tr>
                <th scope="row">{t('expense.net')}</th>
                <td className="num nowrap">{vat ? formatMoney(vat.net) : '—'}</td>
              </tr>
              <tr className="totals-rate">
                <th scope="row">{t('expense.inputVat', { rate: v.taxRate })}</th>
                <td className="num nowrap" data-testid="expense-tax" data-amount={vat?.tax ?? ''}>
                  {vat ? formatMoney(vat.tax) : '—'}
                </td>
              </tr>
              <tr className="totals-gross">
                <th scope="row">{t('expense.gross')}</th>
                <td className="num nowrap" data-testid="expense-gross" data-amount={vat?.gross ?? ''}>
                  {vat ? formatMoney(vat.gross) : '—'}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={t('expense.sectionReceipt')}>
        <ReceiptField
          receipt={receipt}
          disabled={ro}
          onBusy={setUploading}
          onUploaded={(doc) => {
            setReceipt({ id: doc.id, fileName: doc.fileName, downloadUrl: doc.downloadUrl });
            setFresh(doc);
          }}
          onRemove={() => {
            setReceipt(null);
            setFresh(null);
          }}
        />
        {form.errors.receiptId?.length ? <p className="field-error" role="alert">{form.errors.receiptId.map(tv).join(' ')}</p> : null}
      </Card>
      <Card title={t('expense.notes')}>
        <div className="form-grid">
          <TextAreaField {...form.text('notes')} label={t('expense.notesLabel')} rows={3} disabled={ro} testId="expense-notes" />
        </div>
      </Card>
      <div className="form-actions sticky-actions">
        <button type="button" className="btn" onClick={onCancel}>
          {editable ? t('common.cancel') : t('common.back')}
        </button>
        {editable ? (
          <button type="submit" className="btn btn-primary" disabled={pending || uploading} data-testid="expense-save">
            {pending ? t('common.saving') : uploading ? t('receipt.uploading') : expense ? t('common.save') : t('common.create')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

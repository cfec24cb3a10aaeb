import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { SelectField, TextField } from '../../ui/form-fields.tsx';
import { Card } from '../../ui/page.tsx';

/** Posts one stock move of an article (a receipt from "Suppliers" carries its unit cost). */
export function MoveForm({ articleId }: { articleId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const locations = useQuery(trpc.inventory.locations.list.queryOptions());
  const [f, setF] = useState({ from: '', to: '', quantity: '', unitCost: '', movedOn: berlinDay() });
  const set = (k: keyof typeof f) => (v: string) => setF((old) => ({ ...old, [k]: v }));
  const options = (locations.data ?? []).filter((l) => l.kind === 'bin' || l.virtual || l.kind === 'warehouse').map((l) => ({ value: l.id, label: l.virtual ? t(`inventory.kind.${l.kind}`) : l.path }));
  const fromSupplier = locations.data?.find((l) => l.id === f.from)?.kind === 'supplier';
  const move = useMutation(
    trpc.inventory.stock.move.mutationOptions({
      onSuccess: async () => {
        setF((old) => ({ ...old, quantity: '', unitCost: '' }));
        await queryClient.invalidateQueries({ queryKey: trpc.inventory.pathKey() });
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    move.mutate({ articleId, fromLocationId: f.from, toLocationId: f.to, quantity: Number(f.quantity), movedOn: f.movedOn, ...(fromSupplier ? { unitCost: f.unitCost } : {}) });
  };
  return (
    <Card title={t('inventory.postMove')} testId="move-form">
      <p className="muted small">{t('inventory.moveHint')}</p>
      {move.isSuccess ? <Alert kind="success" testId="move-posted">{t('inventory.posted')}</Alert> : null}
      <ErrorAlert error={move.error} testId="move-error" />
      <form className="form-grid" onSubmit={submit}>
        <SelectField name="from" label={t('inventory.from')} value={f.from} onChange={set('from')} options={options} emptyLabel="—" required testId="move-from" />
        <SelectField name="to" label={t('inventory.to')} value={f.to} onChange={set('to')} options={options} emptyLabel="—" required testId="move-to" />
        <TextField name="quantity" label={t('inventory.quantity')} value={f.quantity} onChange={set('quantity')} inputMode="numeric" required testId="move-quantity" />
        {fromSupplier ? <TextField name="unitCost" label={t('inventory.unitCost')} value={f.unitCost} onChange={set('unitCost')} inputMode="decimal" required testId="move-cost" /> : null}
        <TextField name="movedOn" type="date" label={t('inventory.movedOn')} value={f.movedOn} onChange={set('movedOn')} required />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={move.isPending} data-testid="move-save">
            {t('inventory.postMove')}
          </button>
        </div>
      </form>
    </Card>
  );
}

import { useMutation, useQuery } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import { fromCents, toCents } from '@workmate/domain/money';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { readMoney } from '../../lib/number-input.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { SelectField, TextField } from '../../ui/form-fields.tsx';
import { Card } from '../../ui/page.tsx';

interface Line {
  accountId: string;
  debit: string;
  credit: string;
}
const empty = (): Line => ({ accountId: '', debit: '', credit: '' });

/**
 * A manual entry (Dialogbuchung): date, text, document number and lines with an account and a
 * debit or a credit amount. The difference is shown as the lines are typed; saving is possible
 * once they balance (the server checks again).
 */
export function ManualEntryForm({ onPosted }: { onPosted: (id: string) => void }) {
  const { t, lang, formatMoney } = useI18n();
  const trpc = useTRPC();
  const accounts = useQuery(trpc.bookkeeping.accounts.list.queryOptions({ includePersonal: true }));
  const [entryDate, setEntryDate] = useState(berlinDay());
  const [description, setDescription] = useState('');
  const [documentNumber, setDocumentNumber] = useState('');
  const [lines, setLines] = useState<Line[]>([empty(), empty()]);
  const post = useMutation(
    trpc.bookkeeping.journal.post.mutationOptions({
      onSuccess: (entry) => {
        setDescription('');
        setDocumentNumber('');
        setLines([empty(), empty()]);
        onPosted(entry.id);
      },
    }),
  );
  const cents = (text: string): bigint | null => {
    if (text.trim() === '') return 0n;
    const read = readMoney(text, lang);
    return read.ok ? toCents(read.value) : null;
  };
  const amounts = lines.map((l) => ({ debit: cents(l.debit), credit: cents(l.credit) }));
  const unreadable = amounts.some((a) => a.debit === null || a.credit === null);
  const difference = amounts.reduce((s, a) => s + (a.debit ?? 0n) - (a.credit ?? 0n), 0n);
  const filled = lines.filter((l, i) => l.accountId && ((amounts[i]?.debit ?? 0n) !== 0n || (amounts[i]?.credit ?? 0n) !== 0n));
  const balanced = !unreadable && difference === 0n && filled.length >= 2;
  const set = (i: number, patch: Partial<Line>) => setLines((all) => all.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const options = (accounts.data ?? []).map((a) => ({ value: a.id, label: `${a.number} ${a.name}` }));
  const submit = () =>
    post.mutate({
      entryDate,
      description,
      documentNumber: documentNumber || null,
      lines: lines
        .map((l, i) => ({ l, a: amounts[i] }))
        .filter(({ l, a }) => l.accountId && a && ((a.debit ?? 0n) !== 0n || (a.credit ?? 0n) !== 0n))
        .map(({ l, a }) => ({ accountId: l.accountId, ...((a?.debit ?? 0n) !== 0n ? { debit: fromCents(a?.debit ?? 0n) } : { credit: fromCents(a?.credit ?? 0n) }) })),
    });
  return (
    <Card title={t('bk.manualEntry')} testId="bk-manual-entry">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (balanced) submit();
        }}
      >
        <div className="form-grid">
          <TextField name="entryDate" type="date" label={t('bk.entryDate')} value={entryDate} onChange={setEntryDate} testId="bk-entry-date" />
          <TextField name="description" label={t('bk.description')} value={description} onChange={setDescription} testId="bk-entry-description" />
          <TextField name="documentNumber" label={t('bk.documentNumber')} value={documentNumber} onChange={setDocumentNumber} testId="bk-entry-document" />
        </div>
        <table className="table">
          <thead>
            <tr>
              <th>{t('bk.account')}</th>
              <th className="num">{t('bk.debit')}</th>
              <th className="num">{t('bk.credit')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={i} data-testid="bk-entry-line">
                <td>
                  <SelectField name={`lines.${i}.accountId`} label={t('bk.account')} value={l.accountId} onChange={(accountId) => set(i, { accountId })} options={options} emptyLabel="—" testId={`bk-line-account-${i}`} />
                </td>
                <td>
                  <TextField name={`lines.${i}.debit`} label={t('bk.debit')} inputMode="decimal" value={l.debit} onChange={(debit) => set(i, { debit })} testId={`bk-line-debit-${i}`} />
                </td>
                <td>
                  <TextField name={`lines.${i}.credit`} label={t('bk.credit')} inputMode="decimal" value={l.credit} onChange={(credit) => set(i, { credit })} testId={`bk-line-credit-${i}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <button type="button" className="btn btn-small" onClick={() => setLines((all) => [...all, empty()])} data-testid="bk-add-line">
            {t('bk.addLine')}
          </button>{' '}
          <span data-testid="bk-difference" data-balanced={balanced ? 'true' : 'false'} className="small">
            {unreadable ? t('bk.unreadableAmount') : difference === 0n ? t('bk.balanced') : t('bk.difference', { amount: formatMoney(fromCents(difference < 0n ? -difference : difference)) })}
          </span>
        </p>
        <ErrorAlert error={accounts.error ?? post.error} />
        <button type="submit" className="btn btn-primary" disabled={!balanced || post.isPending} data-testid="bk-entry-save">
          {t('bk.post')}
        </button>
      </form>
    </Card>
  );
}

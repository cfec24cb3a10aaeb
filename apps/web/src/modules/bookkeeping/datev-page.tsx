import { useMutation } from '@tanstack/react-query';
import { berlinDay } from '@workmate/domain/berlin-time';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { TextField } from '../../ui/form-fields.tsx';
import { Card, PageHeader } from '../../ui/page.tsx';

/** Hands base64 bytes (Windows-1252 text) to the browser as a file. */
function downloadBase64(filename: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'text/csv;charset=windows-1252' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `/bookkeeping/datev`: the EXTF Buchungsstapel and the debtors/creditors of a range, for the tax adviser. */
export function DatevExportPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const today = berlinDay();
  const [f, setF] = useState({ from: `${today.slice(0, 7)}-01`, to: today, consultantNumber: '', clientNumber: '' });
  const run = useMutation(trpc.bookkeeping.datevExport.mutationOptions({ onSuccess: (files) => files.forEach((file) => downloadBase64(file.filename, file.contentBase64)) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run.mutate({ from: f.from, to: f.to, consultantNumber: Number(f.consultantNumber), clientNumber: Number(f.clientNumber) });
  };
  return (
    <>
      <PageHeader title={t('bk.datev')}>
        <span className="muted small">{t('bk.datevHint')}</span>
      </PageHeader>
      <Card testId="bk-datev">
        <ErrorAlert error={run.error} />
        <form className="form-grid" onSubmit={submit}>
          <TextField name="from" type="date" label={t('bk.from')} value={f.from} onChange={(from) => setF((o) => ({ ...o, from }))} />
          <TextField name="to" type="date" label={t('bk.to')} value={f.to} onChange={(to) => setF((o) => ({ ...o, to }))} />
          <TextField name="consultantNumber" inputMode="numeric" label={t('bk.consultantNumber')} value={f.consultantNumber} onChange={(consultantNumber) => setF((o) => ({ ...o, consultantNumber }))} />
          <TextField name="clientNumber" inputMode="numeric" label={t('bk.clientNumber')} value={f.clientNumber} onChange={(clientNumber) => setF((o) => ({ ...o, clientNumber }))} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={run.isPending} data-testid="bk-datev-export">
              {t('bk.export')}
            </button>
          </div>
        </form>
      </Card>
    </>
  );
}

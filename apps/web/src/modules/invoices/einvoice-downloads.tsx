import { EINVOICE_FILE_FORMATS, type EInvoiceFileFormat } from '@workmate/domain/einvoice-out';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { readIssue, type FieldProblem } from '../../lib/field-errors.ts';
import { Alert } from '../../ui/alert.tsx';
import { Card } from '../../ui/page.tsx';
import type { Invoice } from './invoice-options.ts';

const LABELS = { 'xrechnung-cii': 'invoice.downloadXrechnungCii', 'xrechnung-ubl': 'invoice.downloadXrechnungUbl', facturx: 'invoice.downloadFacturx' } as const;

type Note = { kind: 'pending' } | { kind: 'failed'; message: FieldProblem } | null;

/**
 * Downloads of the archived e-invoice of a finalized invoice or cancellation: XRechnung CII and
 * UBL (XML) and the ZUGFeRD PDF. Each asks the server first: a file not yet written by the worker
 * (202) or refused (an invoice archived without e-invoice data) is said so instead of downloaded.
 */
export function EInvoiceDownloads({ invoice }: { invoice: Invoice }) {
  const { t, tv } = useI18n();
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState<EInvoiceFileFormat | null>(null);
  if (invoice.type === 'quote' || invoice.status === 'draft') return null;

  const download = async (format: EInvoiceFileFormat) => {
    setBusy(format);
    setNote(null);
    try {
      const res = await fetch(`/api/invoices/${invoice.id}/einvoice/${format}`, { credentials: 'same-origin', cache: 'no-store' });
      if (res.status === 200) {
        const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1];
        const url = URL.createObjectURL(await res.blob());
        const a = document.createElement('a');
        a.href = url;
        a.download = name ? decodeURIComponent(name) : `${invoice.number ?? 'e-rechnung'}-${format}`;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        return;
      }
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.status === 202) return setNote({ kind: 'pending' });
      setNote({ kind: 'failed', message: readIssue(body.appCode, body.params) ?? (typeof body.error === 'string' ? body.error : `HTTP ${res.status}`) });
    } catch (error) {
      setNote({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t('invoice.einvoiceDownloads')} testId="invoice-einvoice">
      <div className="form-actions">
        {EINVOICE_FILE_FORMATS.map((format) => (
          <button key={format} type="button" className="btn btn-small" disabled={busy !== null} onClick={() => void download(format)} data-testid={`einvoice-download-${format}`}>
            ⤓ {t(LABELS[format])}
          </button>
        ))}
      </div>
      {note?.kind === 'pending' ? (
        <p className="muted small" role="status" data-testid="einvoice-pending">
          {t('invoice.einvoicePending')}
        </p>
      ) : note?.kind === 'failed' ? (
        <Alert kind="error" testId="einvoice-error">
          <span>{tv(note.message)}</span>
        </Alert>
      ) : null}
    </Card>
  );
}

import type { ReportPdfRequest } from '@workmate/domain/schemas/bookkeeping-report-pdf';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { downloadBase64 } from '../../lib/download.ts';
import { useTRPCClient } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';

const POLL_MS = 700;
/** About two minutes: a report waits behind other documents in the worker's queue at most that long in practice. */
const MAX_POLLS = 170;

/**
 * A "PDF" button beside a report's CSV button: asks the worker to render the report (in the
 * reader's language), waits until the file is there, and hands it to the browser.
 */
export function PdfButton({ input, testId }: { input: ReportPdfRequest; testId: string }) {
  const { t, lang } = useI18n();
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const { requestId } = await client.bookkeeping.reports.pdf.request.mutate({ ...input, language: lang });
      for (let i = 0; i < MAX_POLLS; i += 1) {
        const state = await client.bookkeeping.reports.pdf.get.query({ requestId });
        if (state.status === 'ready') {
          downloadBase64(state.fileName, state.contentBase64, 'application/pdf');
          return;
        }
        if (state.status === 'failed') throw new Error(state.error);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      throw new Error(t('bk.pdfTimeout'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="btn btn-small" disabled={busy} onClick={() => void run()} data-testid={testId}>
        {busy ? t('bk.pdfBusy') : t('bk.pdf')}
      </button>
      {error ? <ErrorAlert error={error} /> : null}
    </>
  );
}

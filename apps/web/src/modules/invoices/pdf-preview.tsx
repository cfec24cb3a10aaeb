import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { readIssue, type FieldProblem } from '../../lib/field-errors.ts';
import { Alert } from '../../ui/alert.tsx';
import { Card } from '../../ui/page.tsx';
import type { Invoice } from './invoice-options.ts';

type State = { kind: 'checking' } | { kind: 'rendering' } | { kind: 'ready' } | { kind: 'failed'; message: FieldProblem };

const POLL_MS = 1000;

/**
 * The document's PDF in a frame. The server answers 202 while the worker renders it, so this
 * asks once a second until the file is there and only then shows the frame. A changed draft
 * (new version) or a new status (finalized) asks again.
 */
export function PdfPreview({ invoice }: { invoice: Invoice }) {
  const { t, tv } = useI18n();
  const url = `/api/invoices/${invoice.id}/pdf`;
  const stamp = `${invoice.status}-${invoice.version}`;
  const [state, setState] = useState<State>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({ kind: 'checking' });
    const poll = async () => {
      try {
        const res = await fetch(url, { credentials: 'same-origin', cache: 'no-store', signal: controller.signal });
        if (res.status === 200) {
          // The frame loads the file itself; this request only had to learn that it is there.
          await res.body?.cancel();
          return setState({ kind: 'ready' });
        }
        const body: unknown = await res.json().catch(() => null);
        if (res.status === 202) {
          setState({ kind: 'rendering' });
          timer = setTimeout(() => void poll(), POLL_MS);
          return;
        }
        const answer = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
        const text = typeof answer.error === 'string' ? answer.error : `HTTP ${res.status}`;
        // A refusal (signed out, a missing permission) carries its code: worded in the reader's language when shown.
        setState({ kind: 'failed', message: readIssue(answer.appCode, answer.params) ?? text });
      } catch (error) {
        if (!controller.signal.aborted) setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [url, stamp, attempt]);

  return (
    <Card
      title={t('invoice.pdfTitle')}
      testId="invoice-pdf"
      actions={
        <a href={`${url}?download=1`} className="btn btn-small" data-testid="invoice-pdf-download">
          ⤓ {t('invoice.pdfDownload')}
        </a>
      }
    >
      {invoice.status === 'draft' ? <p className="muted small">{t('invoice.pdfDraftNote')}</p> : null}
      {state.kind === 'ready' ? (
        <iframe key={stamp} src={url} title={t('invoice.pdfTitle')} className="pdf-frame" data-testid="invoice-pdf-preview" />
      ) : state.kind === 'failed' ? (
        <Alert kind="error" testId="pdf-error">
          <span>
            {t('invoice.pdfFailed')} <span className="small">({tv(state.message)})</span>
          </span>
          <button type="button" className="btn btn-small" onClick={() => setAttempt((a) => a + 1)}>
            {t('common.retry')}
          </button>
        </Alert>
      ) : (
        <p className="loading" role="status" aria-live="polite" data-testid="pdf-rendering">
          <span className="spinner" aria-hidden="true" /> {t('invoice.pdfRendering')}
        </p>
      )}
    </Card>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { useCan } from '../../lib/session.ts';
import { CreditNoteDialog } from './credit-note-dialog.tsx';
import { DepositDialog } from './deposit-dialog.tsx';
import { useInvalidateInvoices, type Invoice } from './invoice-options.ts';

/** Creates a final invoice (Schlussrechnung) draft for a quote or project and opens it. */
function useCreateFinal(onError: (error: unknown) => void) {
  const trpc = useTRPC();
  const invalidate = useInvalidateInvoices();
  const [, navigate] = useLocation();
  return useMutation(
    trpc.invoices.final.create.mutationOptions({
      onMutate: () => onError(null),
      onSuccess: async (draft) => {
        await invalidate();
        navigate(`/invoices/${draft.id}`);
      },
      onError,
    }),
  );
}

/** On an invoice: a credit note; on a quote: a deposit or the final invoice. */
export function CorrectionActions({ invoice: inv, onError }: { invoice: Invoice; onError: (error: unknown) => void }) {
  const { t } = useI18n();
  const can = useCan();
  const [open, setOpen] = useState<'credit' | 'deposit' | null>(null);
  const final = useCreateFinal(onError);
  if (!can('invoices.write') || inv.status === 'draft') return null;
  const correctable = inv.type === 'invoice' && inv.status !== 'cancelled';
  const quote = inv.type === 'quote' && inv.status !== 'rejected';
  return (
    <>
      {correctable ? (
        <button type="button" className="btn" onClick={() => setOpen('credit')} data-testid="invoice-credit-note">
          {t('invoice.creditNoteCreate')}
        </button>
      ) : null}
      {quote ? (
        <>
          <button type="button" className="btn" onClick={() => setOpen('deposit')} data-testid="quote-deposit">
            {t('invoice.depositCreate')}
          </button>
          <button type="button" className="btn" disabled={final.isPending} onClick={() => final.mutate({ quoteId: inv.id })} data-testid="quote-final">
            {t('invoice.finalCreate')}
          </button>
        </>
      ) : null}
      {open === 'credit' ? <CreditNoteDialog invoice={inv} onClose={() => setOpen(null)} /> : null}
      {open === 'deposit' ? <DepositDialog quoteId={inv.id} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

/** On a project: a deposit against the project, or the final invoice deducting its deposits. */
export function ProjectCorrectionActions({ projectId, onError }: { projectId: string; onError: (error: unknown) => void }) {
  const { t } = useI18n();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const final = useCreateFinal(onError);
  if (!can('invoices.write')) return null;
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)} data-testid="project-deposit">
        + {t('invoice.depositCreate')}
      </button>
      <button type="button" className="btn btn-small" disabled={final.isPending} onClick={() => final.mutate({ projectId })} data-testid="project-final">
        + {t('invoice.finalCreate')}
      </button>
      {open ? <DepositDialog projectId={projectId} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

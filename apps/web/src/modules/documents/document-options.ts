import { useQueryClient } from '@tanstack/react-query';
import type { Lang } from '../../i18n/i18n.tsx';
import type { DocumentDto } from '../../lib/upload.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import type { Option } from '../../ui/form-fields.tsx';
import { useCan, useMe } from '../../lib/session.ts';

export type { DocumentDto };
export type DocumentVersion = RouterOutputs['documents']['versions'][number];

/** Categories offered in the forms; the API takes any text, so others are shown as they are. */
export const DOCUMENT_CATEGORIES = ['receipt', 'contract', 'offer', 'invoice', 'correspondence', 'personnel', 'other'] as const;

export function categoryOptions(tOr: (key: string, fallback: string) => string, current?: string | null): Option[] {
  const options: Option[] = DOCUMENT_CATEGORIES.map((c) => ({ value: c, label: tOr(`documentCategory.${c}`, c) }));
  if (current && !options.some((o) => o.value === current)) options.unshift({ value: current, label: current });
  return options;
}

/**
 * The label of a document's kind and of the record it belongs to. An archived PDF of a quote is
 * an offer ("Angebots-PDF", linked to an "Angebot"), not an invoice: its category says which.
 */
export function documentLabels(d: Pick<DocumentDto, 'kind' | 'category' | 'entity'>): { kind: string | null; record: string | null } {
  const quote = d.kind === 'invoice_pdf' && d.category === 'offer';
  return {
    kind: d.kind === 'invoice_pdf' ? (quote ? 'documentKind.quote_pdf' : 'documentKind.invoice_pdf') : null,
    record: d.entity ? (quote ? 'record.quote' : `record.${d.entity}`) : null,
  };
}

/** 1536 → "1,5 KB". */
export function formatBytes(bytes: number, lang: Lang): string {
  const number = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${number.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${number.format(bytes / 1024)} KB`;
  return `${number.format(bytes / 1024 / 1024)} MB`;
}

/** After an upload or a change: every document list, and the versions. */
export function useInvalidateDocuments() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.documents.pathKey() });
}

/** What the signed-in user may do with a document, by the service's rules. */
export function useDocumentRights() {
  const can = useCan();
  const me = useMe().data;
  return (d: Pick<DocumentDto, 'kind' | 'owner'>) => {
    const upload = d.kind === 'upload';
    const own = !!me && d.owner?.id === me.id;
    return {
      edit: upload && can('documents.write'),
      newVersion: upload && can('documents.write'),
      confidential: upload && can('documents.write') && (own || can('documents.confidential')),
      remove: upload && (can('documents.delete') || (own && can('documents.write'))),
    };
  };
}

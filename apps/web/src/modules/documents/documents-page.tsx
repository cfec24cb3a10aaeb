import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { LINKABLE_ENTITIES, type LinkableEntity } from '@workmate/domain/enums';
import type { DocumentListInput } from '@workmate/domain/schemas/documents';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { usePage } from '../../lib/use-page.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { PageHeader } from '../../ui/page.tsx';
import type { SortState } from '../../ui/sort-header.tsx';
import { useCan } from '../../lib/session.ts';
import { DocumentDialog } from './document-dialog.tsx';
import { categoryOptions, useInvalidateDocuments, type DocumentDto } from './document-options.ts';
import { DocumentTable, type DocumentSort } from './document-table.tsx';
import { UploadDialog } from './upload-dialog.tsx';
import { ListToolbar } from '../../ui/list-toolbar.tsx';
import { EnumSelect } from '../../ui/enum-select.tsx';
import { ListCard } from '../../ui/sortable-table.tsx';

const PAGE_SIZE = 25;

interface Filters {
  search: string;
  category: string;
  entity: string;
  kind: string;
  confidential: string;
}

const isEntity = (v: string): v is LinkableEntity => (LINKABLE_ENTITIES as readonly string[]).includes(v);

function toListFilter(f: Filters): Partial<DocumentListInput> {
  return {
    search: f.search.trim() || undefined,
    category: f.category || undefined,
    entity: isEntity(f.entity) ? f.entity : undefined,
    kind: f.kind === 'upload' || f.kind === 'invoice_pdf' ? f.kind : undefined,
    confidential: f.confidential === '' ? undefined : f.confidential === 'true',
  };
}

/** `/documents`: uploaded files and archived invoice PDFs — find, download, upload, versions, details. */
export function DocumentsPage() {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const invalidate = useInvalidateDocuments();
  const [filters, setFilters] = useState<Filters>({ search: '', category: '', entity: '', kind: '', confidential: '' });
  const [sort, setSort] = useState<SortState<DocumentSort>>({ sort: 'createdAt', direction: 'desc' });
  const [uploading, setUploading] = useState(false);
  const [open, setOpen] = useState<DocumentDto | null>(null);
  const [deleting, setDeleting] = useState<DocumentDto | null>(null);
  const debounced = useDebounced(filters, 250);
  const [page, setPage] = usePage([debounced, sort]);
  const list = useQuery({
    ...trpc.documents.list.queryOptions({ ...toListFilter(debounced), page, pageSize: PAGE_SIZE, sort: sort.sort, direction: sort.direction }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation(trpc.documents.delete.mutationOptions({ onSuccess: () => invalidate(), onSettled: () => setDeleting(null) }));
  const set = <K extends keyof Filters>(key: K, v: Filters[K]) => setFilters((prev) => ({ ...prev, [key]: v }));
  const all = t('common.all');

  return (
    <>
      <PageHeader
        title={t('document.listTitle')}
        actions={
          can('documents.write') ? (
            <button type="button" className="btn btn-primary" onClick={() => setUploading(true)} data-testid="document-upload-open">
              + {t('document.upload')}
            </button>
          ) : null
        }
      />
      <ListToolbar testId="document-filters" search={{ value: filters.search, onChange: (v) => set('search', v), placeholder: t('document.searchPlaceholder'), testId: 'document-search' }}>
        <EnumSelect label={t('document.category')} value={filters.category} onChange={(v) => set('category', v)} options={categoryOptions(tOr)} testId="filter-document-category" />
        <EnumSelect label={t('document.linkedTo')} value={filters.entity} onChange={(v) => set('entity', v)} values={LINKABLE_ENTITIES} prefix="record" testId="filter-document-entity" />
        {can('invoices.read') ? (
          <select value={filters.kind} onChange={(e) => set('kind', e.target.value)} aria-label={t('document.kind')} data-testid="filter-document-kind">
            <option value="">{`${t('document.kind')}: ${all}`}</option>
            <option value="upload">{t('documentKind.upload')}</option>
            <option value="invoice_pdf">{t('documentKind.invoice_pdf')}</option>
          </select>
        ) : null}
        <select value={filters.confidential} onChange={(e) => set('confidential', e.target.value)} aria-label={t('document.confidentialShort')} data-testid="filter-document-confidential">
          <option value="">{`${t('document.confidentialShort')}: ${all}`}</option>
          <option value="true">{`${t('document.confidentialShort')}: ${t('common.yes')}`}</option>
          <option value="false">{`${t('document.confidentialShort')}: ${t('common.no')}`}</option>
        </select>
      </ListToolbar>
      <ErrorAlert error={list.error ?? remove.error} onRetry={list.error ? () => void list.refetch() : undefined} />
      <ListCard loading={list.isPending} result={list.data} onPage={setPage} empty={t('document.none')}>
        {(items) => <DocumentTable items={items} sort={sort} onSort={setSort} onOpen={setOpen} onDelete={setDeleting} />}
      </ListCard>
      {uploading ? <UploadDialog onClose={() => setUploading(false)} /> : null}
      {open ? <DocumentDialog key={open.id} doc={open} onClose={() => setOpen(null)} /> : null}
      {deleting ? (
        <ConfirmDialog title={t('document.deleteTitle')} confirmLabel={t('common.delete')} danger pending={remove.isPending} onConfirm={() => remove.mutate({ id: deleting.id })} onClose={() => setDeleting(null)}>
          <p>{t('document.deleteText', { name: deleting.title ?? deleting.fileName })}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

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
import { Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { Pager } from '../../ui/pager.tsx';
import type { SortState } from '../../ui/sort-header.tsx';
import { useCan } from '../../lib/session.ts';
import { DocumentDialog } from './document-dialog.tsx';
import { categoryOptions, useInvalidateDocuments, type DocumentDto } from './document-options.ts';
import { DocumentTable, type DocumentSort } from './document-table.tsx';
import { UploadDialog } from './upload-dialog.tsx';

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
      <div className="toolbar" data-testid="document-filters">
        <input
          type="search"
          className="search"
          value={filters.search}
          onChange={(e) => set('search', e.target.value)}
          placeholder={t('document.searchPlaceholder')}
          aria-label={t('common.search')}
          data-testid="document-search"
        />
        <select value={filters.category} onChange={(e) => set('category', e.target.value)} aria-label={t('document.category')} data-testid="filter-document-category">
          <option value="">{`${t('document.category')}: ${all}`}</option>
          {categoryOptions(tOr).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <select value={filters.entity} onChange={(e) => set('entity', e.target.value)} aria-label={t('document.linkedTo')} data-testid="filter-document-entity">
          <option value="">{`${t('document.linkedTo')}: ${all}`}</option>
          {LINKABLE_ENTITIES.map((e) => (
            <option key={e} value={e}>
              {tOr(`record.${e}`, e)}
            </option>
          ))}
        </select>
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
      </div>
      <ErrorAlert error={list.error ?? remove.error} onRetry={list.error ? () => void list.refetch() : undefined} />
      {list.isPending ? (
        <Loading />
      ) : list.data ? (
        <div className="card card-flush">
          {!list.data.items.length ? <Empty>{t('document.none')}</Empty> : <DocumentTable items={list.data.items} sort={sort} onSort={setSort} onOpen={setOpen} onDelete={setDeleting} />}
          <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={setPage} />
        </div>
      ) : null}
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

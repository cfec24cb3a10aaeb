import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { recordHref } from '../../lib/record-links.ts';
import { Badge } from '../../ui/badge.tsx';
import { type SortState } from '../../ui/sort-header.tsx';
import { documentLabels, formatBytes, useDocumentRights, type DocumentDto } from './document-options.ts';
import { SortableTable } from '../../ui/sortable-table.tsx';

export type DocumentSort = 'createdAt' | 'title' | 'fileName' | 'sizeBytes';

interface Props {
  items: DocumentDto[];
  sort: SortState<DocumentSort>;
  onSort: (next: SortState<DocumentSort>) => void;
  onOpen: (doc: DocumentDto) => void;
  onDelete: (doc: DocumentDto) => void;
}

/** Documents as rows: title and file, category, linked record, size, version, owner; download, details, delete. */
export function DocumentTable({ items, sort, onSort, onOpen, onDelete }: Props) {
  const { t, tOr, lang, formatDate } = useI18n();
  const rights = useDocumentRights();
  return (
    <SortableTable
      testId="document-table"
      sort={sort}
      onSort={onSort}
      columns={[
        { sort: 'title', label: t('document.title') },
        { label: t('document.category') },
        { label: t('document.linkedTo') },
        { sort: 'sizeBytes', label: t('document.size'), className: 'num' },
        { sort: 'createdAt', label: t('document.uploaded') },
        { label: <span className="sr-only">{t('common.actions')}</span> },
      ]}
    >
      {items.map((d) => {
        const href = recordHref(d.entity, d.entityId);
        const may = rights(d);
        const labels = documentLabels(d);
        return (
          <tr key={d.id} data-testid="document-row" data-id={d.id} data-kind={d.kind}>
            <td className="document-file">
              <button type="button" className="link-button row-link" onClick={() => onOpen(d)} data-testid="document-open">
                {d.title ?? d.fileName}
              </button>
              {d.confidential ? <Badge tone="warning">{t('document.confidentialShort')}</Badge> : null}
              {d.version > 1 ? <Badge tone="neutral">{`v${d.version}`}</Badge> : null}
              {d.title ? <div className="muted small">{d.fileName}</div> : null}
            </td>
            <td data-testid="document-kind">{labels.kind ? tOr(labels.kind, d.kind) : d.category ? tOr(`documentCategory.${d.category}`, d.category) : null}</td>
            <td>{href ? <Link href={href}>{tOr(labels.record ?? '', d.entity ?? '')}</Link> : <span className="muted">—</span>}</td>
            <td className="num nowrap">{formatBytes(d.sizeBytes, lang)}</td>
            <td>
              <span className="nowrap">{formatDate(d.createdAt)}</span>
              {d.owner ? <div className="muted small">{d.owner.name}</div> : null}
            </td>
            <td className="cell-actions">
              <a href={d.downloadUrl} className="btn btn-small" data-testid="document-download" title={t('document.download')}>
                ⤓<span className="sr-only"> {t('document.download')}</span>
              </a>
              <button type="button" className="btn btn-small" onClick={() => onOpen(d)} data-testid="document-details">
                {t('document.details')}
              </button>
              {may.remove ? (
                <button type="button" className="btn btn-small btn-danger" onClick={() => onDelete(d)} data-testid="document-delete">
                  {t('common.delete')}
                </button>
              ) : null}
            </td>
          </tr>
        );
      })}
    </SortableTable>
  );
}

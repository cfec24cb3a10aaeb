import { useI18n } from '../i18n/i18n.tsx';

/** "1–25 of 312" with previous/next buttons. */
export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const { t, formatNumber } = useI18n();
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const last = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label="Pagination">
      <span className="pager-range" data-testid="page-range">
        {t('common.pageRange', { from: formatNumber(from), to: formatNumber(to), total: formatNumber(total) })}
      </span>
      <span className="pager-buttons">
        <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)} data-testid="page-prev">
          ‹ {t('common.previous')}
        </button>
        <button type="button" className="btn btn-small" disabled={page >= last} onClick={() => onPage(page + 1)} data-testid="page-next">
          {t('common.next')} ›
        </button>
      </span>
    </nav>
  );
}

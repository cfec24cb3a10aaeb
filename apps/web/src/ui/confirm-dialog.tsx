import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { Modal } from './modal.tsx';

/**
 * An in-app "are you sure?" for steps that cannot be undone (finalizing an invoice): unlike
 * `window.confirm` it can explain the consequences, and scripts drive it like any other button.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  pending,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  pending?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal title={title} onClose={onClose} testId="confirm-dialog">
      <div className="confirm-body">{children}</div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onClose} data-testid="confirm-cancel">
          {t('common.cancel')}
        </button>
        <button type="button" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={pending} onClick={onConfirm} data-testid="confirm-ok">
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}

import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Open dialogs, innermost last: only the innermost one answers keys (a dialog can open a question over itself). */
const open: string[] = [];

/** Lets a form inside a dialog close it through the same "discard changes?" question as × and Escape. */
const ModalContext = createContext<((then: () => void) => void) | null>(null);

/**
 * A Cancel button's handler: inside a dialog it asks before throwing away typed changes, like
 * the dialog's × does; outside a dialog (a form on its own page) it cancels at once.
 */
export function useGuardedCancel(onCancel: () => void): () => void {
  const guard = useContext(ModalContext);
  return () => (guard ? guard(onCancel) : onCancel());
}

function focusables(panel: HTMLElement): HTMLElement[] {
  return [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
}

/**
 * A dialog over the page. Focus stays inside while it is open (Tab from the last field goes to
 * the first), Escape, × and a click beside it close it, and focus returns to what opened it.
 * Once someone has typed into it, closing asks "Änderungen verwerfen?" first.
 */
export function Modal({ title, onClose, children, testId, wide }: { title: string; onClose: () => void; children: ReactNode; testId?: string; wide?: boolean }) {
  const t = useT();
  const id = useId();
  const titleId = `${id}-title`;
  const panel = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  const dirty = useRef(false);
  // The step to take once discarding is confirmed (close, or a form's own Cancel).
  const [asking, setAsking] = useState<(() => void) | null>(null);

  const requestClose = useCallback((then: () => void) => {
    if (dirty.current) setAsking(() => then);
    else then();
  }, []);
  const requestCloseRef = useRef(requestClose);

  useEffect(() => {
    open.push(id);
    const previous = document.activeElement as HTMLElement | null;
    const el = panel.current;
    const first = el?.querySelector<HTMLElement>('.modal-body input:not([type=hidden]), .modal-body select, .modal-body textarea, .modal-body button') ?? el?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (open[open.length - 1] !== id || !el) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        requestCloseRef.current(() => close.current());
        return;
      }
      if (e.key !== 'Tab') return;
      const items = focusables(el);
      if (!items.length) return;
      const firstItem = items[0];
      const lastItem = items[items.length - 1];
      const active = document.activeElement as HTMLElement | null;
      // Keep the cycle inside: past the last field to the first, before the first to the last.
      if (!active || !el.contains(active)) {
        e.preventDefault();
        (e.shiftKey ? lastItem : firstItem)?.focus();
      } else if (e.shiftKey && active === firstItem) {
        e.preventDefault();
        lastItem?.focus();
      } else if (!e.shiftKey && active === lastItem) {
        e.preventDefault();
        firstItem?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    document.body.classList.add('modal-open');
    return () => {
      document.removeEventListener('keydown', onKey);
      const at = open.indexOf(id);
      if (at >= 0) open.splice(at, 1);
      if (!open.length) document.body.classList.remove('modal-open');
      if (previous && document.contains(previous)) previous.focus();
    };
  }, [id]);

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && requestClose(() => close.current())}>
      <div
        ref={panel}
        className={`modal${wide ? ' modal-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        // Only what a person types or picks makes the form dirty; values a form sets itself do not fire these events.
        onInput={() => {
          if (!asking) dirty.current = true;
        }}
        onChange={() => {
          if (!asking) dirty.current = true;
        }}
      >
        <header className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="btn btn-ghost btn-icon" onClick={() => requestClose(() => close.current())} aria-label={t('common.close')} data-testid="modal-close">
            ×
          </button>
        </header>
        <ModalContext.Provider value={requestClose}>
          <div className="modal-body">{children}</div>
        </ModalContext.Provider>
        {asking ? (
          <Modal title={t('dialog.discardTitle')} onClose={() => setAsking(null)} testId="discard-dialog">
            <p>{t('dialog.discardText')}</p>
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => setAsking(null)} data-testid="discard-keep">
                {t('dialog.keepEditing')}
              </button>
              <button
                type="button"
                className="btn btn-danger"
                onClick={() => {
                  const then = asking;
                  setAsking(null);
                  dirty.current = false;
                  then();
                }}
                data-testid="discard-confirm"
              >
                {t('dialog.discard')}
              </button>
            </div>
          </Modal>
        ) : null}
      </div>
    </div>
  );
}

/** A form's Cancel button: inside a dialog it asks before discarding typed changes (see `useGuardedCancel`). */
export function CancelButton({ onCancel, children, testId }: { onCancel: () => void; children: ReactNode; testId?: string }) {
  const cancel = useGuardedCancel(onCancel);
  return (
    <button type="button" className="btn" onClick={cancel} data-testid={testId}>
      {children}
    </button>
  );
}

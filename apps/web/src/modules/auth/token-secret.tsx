import { useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';

/** The freshly created token, shown this one time with a copy button. */
export function TokenSecret({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  const t = useT();
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // No clipboard permission (e.g. plain http): select the text so the user can copy it by hand.
      const el = document.getElementById('token-secret-value');
      if (el) window.getSelection()?.selectAllChildren(el);
    }
  };

  return (
    <div className="alert alert-warning token-secret" role="status" data-testid="token-secret">
      <strong>{t('tokens.secretTitle')}</strong>
      <p>{t('tokens.secretHint')}</p>
      <code id="token-secret-value" className="secret" data-testid="token-secret-value">
        {secret}
      </code>
      <div className="form-actions">
        <button type="button" className="btn btn-small btn-primary" onClick={() => void copy()} data-testid="copy-token">
          {copied ? t('tokens.copied') : t('tokens.copy')}
        </button>
        <button type="button" className="btn btn-small" onClick={onDismiss}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}

import { useId } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import type { FieldProblem } from '../../lib/field-errors.ts';

const MAX_BYTES = 500 * 1024;
const TYPES = ['image/png', 'image/jpeg', 'image/svg+xml'];

/** Picks a small image and keeps it as a data URL; the server validates it again. */
export function LogoField({ value, error, onChange }: { value: string; error?: FieldProblem[] | undefined; onChange: (dataUrl: string) => void }) {
  const { t, tv } = useI18n();
  const id = useId();

  const onFile = (file: File | undefined) => {
    if (!file) return;
    if (!TYPES.includes(file.type) || file.size > MAX_BYTES) {
      window.alert(t('settings.logoHint'));
      return;
    }
    const reader = new FileReader();
    reader.onload = () => typeof reader.result === 'string' && onChange(reader.result);
    reader.readAsDataURL(file);
  };

  return (
    <div className="field field-wide">
      {value.startsWith('data:image/') ? <img className="logo-preview" src={value} alt={t('settings.logo')} /> : null}
      <label htmlFor={id}>{t('settings.logo')}</label>
      <input id={id} name="logo" type="file" accept={TYPES.join(',')} onChange={(e) => onFile(e.target.files?.[0])} />
      <small className="hint">{t('settings.logoHint')}</small>
      {value ? (
        <button type="button" className="btn btn-small" onClick={() => onChange('')}>
          {t('settings.logoRemove')}
        </button>
      ) : null}
      {error?.length ? <small className="field-error" role="alert">{error.map(tv).join(' ')}</small> : null}
    </div>
  );
}

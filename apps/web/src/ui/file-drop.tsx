import { useState, type DragEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { UploadIcon } from './icons.tsx';

/** What the server takes (it tells the type from the content; this only narrows the chooser). */
export const UPLOAD_ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,application/pdf,image/png,image/jpeg';

interface Props {
  onFile: (file: File) => void;
  disabled?: boolean;
  testId?: string;
  inputTestId?: string;
  /** Shown under the prompt, e.g. the chosen file or the progress bar. */
  children?: ReactNode;
  compact?: boolean;
}

/**
 * A drop zone for one file that is also a button opening the file chooser (the input sits
 * inside the label, visually hidden but focusable and settable by scripts).
 */
export function FileDrop({ onFile, disabled, testId, inputTestId, children, compact }: Props) {
  const { t } = useI18n();
  const [over, setOver] = useState(false);

  const onDragOver = (e: DragEvent) => {
    if (disabled) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };

  return (
    <div
      className={`file-drop${over ? ' file-drop-over' : ''}${disabled ? ' file-drop-disabled' : ''}${compact ? ' file-drop-compact' : ''}`}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid={testId}
    >
      <label className="file-drop-label">
        <input
          type="file"
          className="sr-only"
          accept={UPLOAD_ACCEPT}
          disabled={disabled}
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared so that choosing the same file again still counts as a choice.
            e.target.value = '';
            if (file) onFile(file);
          }}
          data-testid={inputTestId}
        />
        <span className="file-drop-icon">
          <UploadIcon />
        </span>
        <span>
          <strong>{t('upload.prompt')}</strong> <span className="file-drop-or">{t('upload.orChoose')}</span>
        </span>
        <span className="hint">{t('upload.allowed')}</span>
      </label>
      {children}
    </div>
  );
}

/** A bar from 0 to 100; `data-progress` carries the number for scripts. */
export function UploadProgress({ progress, testId, failed }: { progress: number; testId?: string; failed?: boolean }) {
  const { t } = useI18n();
  const value = Math.max(0, Math.min(100, Math.round(progress)));
  return (
    <div className={`upload-progress${failed ? ' upload-progress-failed' : value === 100 ? ' upload-progress-done' : ''}`}>
      <div
        className="upload-progress-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-label={t('upload.progress')}
        data-progress={value}
        data-testid={testId}
      >
        <span style={{ width: `${value}%` }} />
      </div>
      <span className="upload-progress-value">{value} %</span>
    </div>
  );
}

import { useI18n } from '../../i18n/i18n.tsx';
import type { DocumentDto } from '../../lib/upload.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { FileDrop, UploadProgress } from '../../ui/file-drop.tsx';
import { PaperclipIcon } from '../../ui/icons.tsx';
import { useUpload } from '../../ui/use-upload.ts';
import { useCan } from '../../lib/session.ts';

export interface Receipt {
  id: string;
  fileName: string;
  downloadUrl: string;
}

/**
 * The receipt of an expense: uploaded on its own as soon as it is dropped or chosen (the
 * expense may not exist yet), then handed to the form, which saves its id with the expense.
 */
export function ReceiptField({
  receipt,
  onUploaded,
  onRemove,
  onBusy,
  disabled,
}: {
  receipt: Receipt | null;
  onUploaded: (doc: DocumentDto) => void;
  onRemove: () => void;
  onBusy: (busy: boolean) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const can = useCan();
  const upload = useUpload();
  const mayUpload = can('documents.write') && !disabled;

  const onFile = async (file: File) => {
    onBusy(true);
    const outcome = await upload.start(file, { category: 'receipt' });
    onBusy(false);
    if (outcome.ok) onUploaded(outcome.result.document);
  };

  return (
    <div className="receipt field-wide" data-testid="receipt">
      {receipt ? (
        <p className="receipt-current">
          <PaperclipIcon />
          {can('documents.read') ? (
            <a href={receipt.downloadUrl} data-testid="receipt-name" title={t('receipt.download')}>
              {receipt.fileName}
            </a>
          ) : (
            <span data-testid="receipt-name">{receipt.fileName}</span>
          )}
          {!disabled ? (
            <button type="button" className="btn btn-small btn-ghost" onClick={onRemove} disabled={disabled || upload.status === 'uploading'} data-testid="receipt-remove">
              {t('receipt.remove')}
            </button>
          ) : null}
        </p>
      ) : (
        <p className="muted small receipt-current">{t('receipt.none')}</p>
      )}
      {mayUpload ? (
        <FileDrop onFile={(file) => void onFile(file)} disabled={upload.status === 'uploading'} testId="receipt-drop" inputTestId="receipt-input" compact={!!receipt}>
          {upload.status !== 'idle' ? (
            <div className="file-drop-status">
              <span className="small file-drop-name">{upload.fileName}</span>
              <UploadProgress progress={upload.progress} failed={upload.status === 'error'} testId="receipt-progress" />
            </div>
          ) : null}
        </FileDrop>
      ) : !disabled ? (
        <p className="hint">{t('receipt.noPermission')}</p>
      ) : null}
      <ErrorAlert error={upload.error} testId="receipt-error" />
      {upload.result?.duplicate ? <p className="hint" data-testid="receipt-duplicate">{t('upload.duplicate')}</p> : null}
    </div>
  );
}

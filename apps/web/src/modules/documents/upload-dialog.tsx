import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { FileDrop, UploadProgress } from '../../ui/file-drop.tsx';
import { CheckboxField, SelectField, TextField } from '../../ui/form-fields.tsx';
import { CancelButton, Modal } from '../../ui/modal.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useUpload } from '../../ui/use-upload.ts';
import { categoryOptions, useInvalidateDocuments } from './document-options.ts';
import { REQUIRED } from '../../lib/field-errors.ts';

/** A new document: the file (dropped or chosen), a title, a category, confidential or not. */
export function UploadDialog({ onClose }: { onClose: () => void }) {
  const { t, tOr } = useI18n();
  const invalidate = useInvalidateDocuments();
  const upload = useUpload();
  const [file, setFile] = useState<File | null>(null);
  const form = useForm({ title: '', category: '', confidential: false });
  const uploading = upload.status === 'uploading';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return form.setErrors({ file: [REQUIRED] });
    const outcome = await upload.start(file, { title: form.values.title.trim(), category: form.values.category, confidential: form.values.confidential });
    if (!outcome.ok) return form.setErrors(errorInfo(outcome.error).fieldErrors);
    await invalidate();
    // A file that was already there is not stored twice: say so instead of closing silently.
    if (!outcome.result.duplicate) onClose();
  };

  return (
    <Modal title={t('document.uploadTitle')} onClose={onClose} testId="document-upload-dialog">
      <form className="form-grid" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="field-wide">
          <FileDrop
            onFile={(f) => {
              setFile(f);
              upload.reset();
              form.setErrors({});
            }}
            disabled={uploading}
            testId="document-drop"
            inputTestId="document-input"
          >
            {file ? (
              <div className="file-drop-status">
                <span className="small file-drop-name" data-testid="document-file-name">
                  {file.name}
                </span>
                {upload.status !== 'idle' ? <UploadProgress progress={upload.progress} failed={upload.status === 'error'} testId="document-progress" /> : null}
              </div>
            ) : null}
          </FileDrop>
          {form.errors.file?.length && !file ? (
            <small className="field-error" role="alert">
              {t('upload.chooseFile')}
            </small>
          ) : null}
        </div>
        <ErrorAlert error={upload.error} testId="document-upload-error" />
        {upload.result?.duplicate ? (
          <Alert kind="info" testId="document-duplicate">
            {t('upload.duplicateDocument', { name: upload.result.document.title ?? upload.result.document.fileName })}
          </Alert>
        ) : null}
        <TextField {...form.text('title')} label={t('document.title')} hint={t('document.titleHint')} testId="document-title" />
        <SelectField {...form.text('category')} label={t('document.category')} options={categoryOptions(tOr)} emptyLabel={t('common.none')} testId="document-category" />
        <CheckboxField {...form.check('confidential')} label={t('document.confidential')} testId="document-confidential" />
        <p className="hint field-wide">{t('document.confidentialHint')}</p>
        <div className="form-actions">
          <CancelButton onCancel={onClose}>
            {upload.result?.duplicate ? t('common.close') : t('common.cancel')}
          </CancelButton>
          <button type="submit" className="btn btn-primary" disabled={uploading || !file} data-testid="document-upload-submit">
            {uploading ? t('upload.uploading') : t('upload.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

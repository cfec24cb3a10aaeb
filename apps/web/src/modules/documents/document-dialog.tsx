import { useMutation, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { recordHref } from '../../lib/record-links.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { FileDrop, UploadProgress } from '../../ui/file-drop.tsx';
import { CheckboxField, SelectField, TextField } from '../../ui/form-fields.tsx';
import { Modal } from '../../ui/modal.tsx';
import { Empty, Loading } from '../../ui/page.tsx';
import { useForm } from '../../ui/use-form.ts';
import { useUpload } from '../../ui/use-upload.ts';
import { categoryOptions, documentLabels, formatBytes, useDocumentRights, useInvalidateDocuments, type DocumentDto } from './document-options.ts';

/** One document: its details (editable), every version with its download, and a new version. */
export function DocumentDialog({ doc: listed, onClose }: { doc: DocumentDto; onClose: () => void }) {
  const { t, tOr, lang, formatDateTime } = useI18n();
  const trpc = useTRPC();
  // Fresh from the server: a new version changes the file and the version the details are saved against.
  const doc = useQuery({ ...trpc.documents.get.queryOptions({ id: listed.id }), placeholderData: listed }).data ?? listed;
  const rights = useDocumentRights()(doc);
  const invalidate = useInvalidateDocuments();
  const versions = useQuery(trpc.documents.versions.queryOptions({ id: doc.id }));
  const upload = useUpload();
  const form = useForm({ title: doc.title ?? '', category: doc.category ?? '', confidential: doc.confidential });
  const update = useMutation(
    trpc.documents.update.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onClose();
      },
      onError: (error) => form.setErrors(errorInfo(error).fieldErrors),
    }),
  );
  const href = recordHref(doc.entity, doc.entityId);
  const labels = documentLabels(doc);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const v = form.values;
    update.mutate({
      id: doc.id,
      version: doc.version,
      title: v.title,
      category: v.category,
      ...(rights.confidential && v.confidential !== doc.confidential ? { confidential: v.confidential } : {}),
    });
  };

  const onNewVersion = async (file: File) => {
    const outcome = await upload.start(file, { documentId: doc.id });
    if (outcome.ok) await invalidate();
  };

  return (
    <Modal title={doc.title ?? doc.fileName} onClose={onClose} testId="document-dialog" wide>
      <p className="document-facts">
        <a href={doc.downloadUrl} className="btn btn-small" data-testid="document-dialog-download">
          ⤓ {t('document.download')}
        </a>
        <span className="muted small">
          {doc.fileName} · {formatBytes(doc.sizeBytes, lang)} · {t('document.versionN', { version: doc.version })}
        </span>
        {doc.confidential ? <Badge tone="warning">{t('document.confidentialShort')}</Badge> : null}
        {labels.kind ? <Badge tone="info">{tOr(labels.kind, doc.kind)}</Badge> : null}
        {href ? (
          <Link href={href} className="small">
            {tOr(labels.record ?? '', doc.entity ?? '')}
          </Link>
        ) : null}
      </p>
      {rights.edit ? (
        <form className="form-grid" onSubmit={onSubmit} noValidate data-testid="document-form">
          <ErrorAlert error={update.error} onReload={() => void invalidate().then(onClose)} />
          <TextField {...form.text('title')} label={t('document.title')} testId="document-edit-title" />
          <SelectField {...form.text('category')} label={t('document.category')} options={categoryOptions(tOr, doc.category)} emptyLabel={t('common.none')} testId="document-edit-category" />
          <CheckboxField {...form.check('confidential')} label={t('document.confidential')} disabled={!rights.confidential} testId="document-edit-confidential" />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={update.isPending} data-testid="document-save">
              {update.isPending ? t('common.saving') : t('common.save')}
            </button>
          </div>
        </form>
      ) : null}
      <h3 className="section-title">{t('document.versions')}</h3>
      <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />
      {versions.isPending ? (
        <Loading />
      ) : !versions.data?.length ? (
        <Empty />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="document-versions">
            <thead>
              <tr>
                <th>{t('document.version')}</th>
                <th>{t('document.file')}</th>
                <th className="num">{t('document.size')}</th>
                <th>{t('document.uploaded')}</th>
                <th>
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...versions.data].reverse().map((v) => (
                <tr key={v.version} data-testid="document-version-row" data-version={v.version}>
                  <td className="nowrap">
                    v{v.version} {v.version === doc.version ? <Badge tone="success">{t('document.current')}</Badge> : null}
                  </td>
                  <td className="document-file">{v.fileName}</td>
                  <td className="num nowrap">{formatBytes(v.sizeBytes, lang)}</td>
                  <td>
                    <span className="nowrap">{formatDateTime(v.createdAt)}</span>
                    {v.uploadedBy ? <div className="muted small">{v.uploadedBy.name}</div> : null}
                  </td>
                  <td className="cell-actions">
                    <a href={v.downloadUrl} className="btn btn-small" data-testid="document-version-download">
                      ⤓ <span className="sr-only">{t('document.download')}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rights.newVersion ? (
        <div className="new-version">
          <h3 className="section-title">{t('document.newVersion')}</h3>
          <FileDrop onFile={(file) => void onNewVersion(file)} disabled={upload.status === 'uploading'} testId="document-version-drop" inputTestId="document-version-input" compact>
            {upload.status !== 'idle' ? (
              <div className="file-drop-status">
                <span className="small file-drop-name">{upload.fileName}</span>
                <UploadProgress progress={upload.progress} failed={upload.status === 'error'} testId="document-version-progress" />
              </div>
            ) : null}
          </FileDrop>
          <ErrorAlert error={upload.error} />
          {upload.status === 'done' ? <p className="hint">{upload.result?.duplicate ? t('upload.duplicateVersion') : t('document.versionAdded')}</p> : null}
        </div>
      ) : null}
    </Modal>
  );
}

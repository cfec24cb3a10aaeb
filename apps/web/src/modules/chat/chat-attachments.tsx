import { MAX_UPLOAD_BYTES } from '@workmate/domain/schemas/documents';
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { uploadDocument, UploadError } from '../../lib/upload.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { PaperclipIcon } from '../../ui/icons.tsx';

export interface PendingAttachment {
  id: string;
  fileName: string;
}

/** What the server accepts (it checks the content itself; this only narrows the file picker). */
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,application/pdf,image/png,image/jpeg';

/**
 * The paper clip: each chosen file is uploaded to `POST /api/documents` (linked to the project)
 * and its document id handed back, to be sent with the next message.
 */
export function ChatAttachButton({ projectId, onUploaded, onBusy }: { projectId: string; onUploaded: (a: PendingAttachment) => void; onBusy: (busy: boolean) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => () => abort.current?.abort(), []);

  const upload = async (files: File[]) => {
    setError(null);
    setBusy(true);
    onBusy(true);
    const own = new AbortController();
    abort.current = own;
    try {
      for (const file of files) {
        if (file.size > MAX_UPLOAD_BYTES) throw new UploadError(t('chat.fileTooLarge', { name: file.name, mb: MAX_UPLOAD_BYTES / 1024 / 1024 }), 'PAYLOAD_TOO_LARGE');
        const { document } = await uploadDocument(file, { entity: 'project', entityId: projectId }, { signal: own.signal });
        onUploaded({ id: document.id, fileName: document.fileName });
      }
    } catch (e) {
      if (!own.signal.aborted) setError(e);
    } finally {
      if (!own.signal.aborted) {
        setBusy(false);
        onBusy(false);
      }
    }
  };

  return (
    <>
      <input
        id={id}
        type="file"
        className="sr-only"
        accept={ACCEPT}
        multiple
        disabled={busy}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) void upload(files);
        }}
        data-testid="chat-attach-input"
      />
      <label htmlFor={id} className={`btn chat-attach${busy ? ' is-busy' : ''}`} title={t('chat.attach')} aria-busy={busy}>
        {busy ? <span aria-hidden="true">…</span> : <PaperclipIcon />}
        <span className="sr-only">{busy ? t('chat.uploading') : t('chat.attach')}</span>
      </label>
      {error ? (
        <div className="chat-attach-error">
          <ErrorAlert error={error} />
        </div>
      ) : null}
    </>
  );
}

import { useMutation } from '@tanstack/react-query';
import { CHAT_MAX_LENGTH } from '@workmate/domain/schemas/chat';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { PaperclipIcon } from '../../ui/icons.tsx';
import { formatChatText } from './chat-format.tsx';
import { systemMessageText } from './system-text.ts';
import type { ChatMessage } from './use-chat-messages.ts';

interface Props {
  message: ChatMessage;
  own: boolean;
  /** Holds `chat.moderate`: may delete others' messages too. */
  moderator: boolean;
  onChanged: (m: ChatMessage) => void;
}

/** One message: author, time (Berlin), text or "deleted", attachments, and edit/delete for its author. */
export function ChatMessageItem({ message: m, own, moderator, onChanged }: Props) {
  const { t, tOr, formatTime, formatDateTime, formatMoney } = useI18n();
  const trpc = useTRPC();
  const [draft, setDraft] = useState<string | null>(null);
  const edit = useMutation(
    trpc.chat.messages.edit.mutationOptions({
      onSuccess: (updated) => {
        onChanged(updated);
        setDraft(null);
      },
    }),
  );
  const remove = useMutation(trpc.chat.messages.delete.mutationOptions({ onSuccess: onChanged }));
  const system = m.kind === 'system';
  const deleted = !!m.deletedAt;
  // Worded from code and parameters in the reader's language; old messages show their stored text.
  const systemText = m.system ? systemMessageText(m.system, { t, tOr, formatMoney }) : null;
  const canEdit = own && !system && !deleted;
  const canDelete = (own || moderator) && !system && !deleted;
  const save = () => {
    if (draft === null || !draft.trim()) return;
    if (draft.trim() === m.content) return setDraft(null);
    edit.mutate({ id: m.id, content: draft });
  };

  return (
    <li
      className={`chat-message${system ? ' chat-system' : ''}${own ? ' chat-own' : ''}${deleted ? ' chat-is-deleted' : ''}`}
      data-testid="chat-message"
      data-id={m.id}
      data-kind={m.kind}
      data-deleted={deleted ? 'true' : 'false'}
    >
      <div className="chat-meta">
        <span className="chat-author" data-testid="chat-author">
          {m.author?.name ?? t('chat.system')}
        </span>
        <time className="muted small" dateTime={m.createdAt} title={formatDateTime(m.createdAt)}>
          {formatTime(m.createdAt)}
        </time>
        {m.editedAt && !deleted ? (
          <span className="muted small" title={formatDateTime(m.editedAt)} data-testid="chat-edited">
            {t('chat.edited')}
          </span>
        ) : null}
        {canEdit || canDelete ? (
          <span className="chat-actions">
            {canEdit && draft === null ? (
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setDraft(m.content ?? '')} data-testid="chat-edit">
                {t('common.edit')}
              </button>
            ) : null}
            {canDelete ? (
              <button type="button" className="btn btn-small btn-ghost chat-delete" disabled={remove.isPending} onClick={() => remove.mutate({ id: m.id })} data-testid="chat-delete">
                {t('common.delete')}
              </button>
            ) : null}
          </span>
        ) : null}
      </div>
      {draft !== null ? (
        <form
          className="chat-edit"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <textarea
            className="input"
            value={draft}
            maxLength={CHAT_MAX_LENGTH}
            rows={Math.min(8, Math.max(2, draft.split('\n').length))}
            aria-label={t('chat.editLabel')}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setDraft(null);
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                save();
              }
            }}
            data-testid="chat-edit-input"
          />
          <div className="chat-edit-actions">
            <button type="button" className="btn btn-small" onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-small btn-primary" disabled={edit.isPending || !draft.trim()} data-testid="chat-edit-save">
              {t('common.save')}
            </button>
          </div>
        </form>
      ) : (
        <div className={`chat-text${deleted ? ' chat-deleted muted' : ''}`} data-testid="chat-text">
          {deleted ? t('chat.deleted') : systemText ?? formatChatText(m.content ?? '', m.mentions.map((x) => x.name))}
        </div>
      )}
      {m.attachments.length ? (
        <ul className="chat-attachments">
          {m.attachments.map((a) => (
            <li key={a.id}>
              <a href={`/api/documents/${encodeURIComponent(a.id)}/download`} download={a.fileName} data-testid="chat-attachment">
                <PaperclipIcon /> 
                {a.fileName}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorAlert error={edit.error ?? remove.error} />
    </li>
  );
}

import { useMutation } from '@tanstack/react-query';
import { CHAT_MAX_LENGTH } from '@workmate/domain/schemas/chat';
import { useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { PaperclipIcon } from '../../ui/icons.tsx';
import { useCan } from '../../lib/session.ts';
import { ChatAttachButton, type PendingAttachment } from './chat-attachments.tsx';
import { MentionMenu, mentionAt, type MentionQuery, type Person } from './chat-mentions.tsx';
import type { ChatMessage } from './use-chat-messages.ts';

/** The counter turns up once a message gets long; the limit itself is the schema's. */
const SHOW_COUNT_FROM = CHAT_MAX_LENGTH * 0.8;

/** Textarea (Enter sends, Shift+Enter is a new line), @mentions and file attachments. */
export function ChatComposer({ projectId, onSent }: { projectId: string; onSent: (m: ChatMessage) => void }) {
  const { t, formatNumber } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const input = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [mentions, setMentions] = useState<Person[]>([]);
  const [attachments, setAttachments] = useState<PendingAttachment[]>([]);
  const [uploading, setUploading] = useState(false);
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const caretAfter = useRef<number | null>(null);
  const menu = useRef<{ onKey: (e: React.KeyboardEvent) => boolean } | null>(null);
  const send = useMutation(
    trpc.chat.messages.send.mutationOptions({
      onSuccess: (message) => {
        setText('');
        setMentions([]);
        setAttachments([]);
        setQuery(null);
        onSent(message);
        input.current?.focus();
      },
    }),
  );

  const content = text.trim() || attachments.map((a) => a.fileName).join(', ');
  const tooLong = text.length > CHAT_MAX_LENGTH;
  const counting = text.length >= SHOW_COUNT_FROM;
  const canSend = !!content && !tooLong && !uploading && !send.isPending;

  const submit = () => {
    if (!canSend) return;
    send.mutate({
      projectId,
      content,
      // Only the people whose @Name is still in the text.
      mentions: mentions.filter((p) => text.includes(`@${p.name}`)).map((p) => p.id),
      attachments: attachments.map((a) => a.id),
    });
  };

  const track = (el: HTMLTextAreaElement) => setQuery(mentionAt(el.value, el.selectionStart));

  const choose = (person: Person) => {
    if (!query) return;
    const inserted = `@${person.name} `;
    const next = text.slice(0, query.start) + inserted + text.slice(query.end);
    setText(next);
    setMentions((prev) => (prev.some((p) => p.id === person.id) ? prev : [...prev, person]));
    setQuery(null);
    caretAfter.current = query.start + inserted.length;
  };

  // After a mention is inserted the caret goes right behind it, before anything else is typed.
  useLayoutEffect(() => {
    const caret = caretAfter.current;
    if (caret === null || !input.current) return;
    caretAfter.current = null;
    input.current.focus();
    input.current.setSelectionRange(caret, caret);
  }, [text]);

  return (
    <form
      className="chat-composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <ErrorAlert error={send.error} />
      {attachments.length ? (
        <ul className="chat-pending" aria-label={t('chat.attachments')}>
          {attachments.map((a) => (
            <li key={a.id} className="chat-chip" data-testid="chat-pending-attachment">
              <PaperclipIcon /> {a.fileName}
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setAttachments((prev) => prev.filter((x) => x.id !== a.id))} aria-label={t('chat.removeAttachment', { name: a.fileName })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="chat-compose-row">
        <div className="chat-input-wrap">
          {query && can('core.read') ? <MentionMenu query={query.text} onChoose={choose} onClose={() => setQuery(null)} handle={menu} /> : null}
          <textarea
            ref={input}
            value={text}
            rows={Math.min(6, Math.max(1, text.split('\n').length))}
            placeholder={t('chat.placeholder')}
            aria-label={t('chat.inputLabel')}
            aria-describedby="chat-input-hint"
            onChange={(e) => {
              setText(e.target.value);
              track(e.target);
            }}
            onSelect={(e) => track(e.currentTarget)}
            onBlur={() => setTimeout(() => setQuery(null), 150)}
            onKeyDown={(e) => {
              if (query && menu.current?.onKey(e)) return;
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                submit();
              }
            }}
            data-testid="chat-input"
          />
        </div>
        {can('documents.write') ? <ChatAttachButton projectId={projectId} onUploaded={(a) => setAttachments((prev) => (prev.some((x) => x.id === a.id) ? prev : [...prev, a]))} onBusy={setUploading} /> : null}
        <button type="submit" className="btn btn-primary chat-send" disabled={!canSend} data-testid="chat-send">
          {t('chat.send')}
        </button>
      </div>
      <p id="chat-input-hint" className={`chat-hint small ${tooLong ? 'field-error' : 'muted'}${counting ? ' chat-hint-count' : ''}`}>
        {counting ? t('chat.count', { count: formatNumber(text.length), max: formatNumber(CHAT_MAX_LENGTH) }) : t('chat.hint', { max: formatNumber(CHAT_MAX_LENGTH) })}
      </p>
    </form>
  );
}

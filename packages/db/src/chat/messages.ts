import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import { hasPermission } from '@workmate/domain/permissions';
import { writeAudit } from '../audit/write.ts';
import type { ChatEditInput, ChatListInput, ChatSendInput } from '@workmate/domain/schemas/chat';
import { visibleWhere } from '../documents/access.ts';
import { StoredDocument } from '../entities/document.ts';
import type { Actor } from '../shared/actor.ts';
import { requireChatAccess } from './access.ts';
import type { SystemMessage } from '@workmate/domain/chat-system';

export interface ChatMessageDto {
  id: string;
  projectId: string;
  /** The history's order: fixed when the message is sent. */
  seq: number;
  /** The live stream's position: moves on at every edit and deletion. */
  eventSeq: number;
  kind: 'user' | 'system';
  author: { id: string; name: string } | null;
  /** Plain text (shown as text, never as HTML); null once deleted. */
  content: string | null;
  /** A system message's code and parameters, for the reader's language; null for people's messages and old system messages. */
  system: SystemMessage | null;
  mentions: Array<{ id: string; name: string }>;
  attachments: Array<{ id: string; fileName: string; downloadUrl: string }>;
  editedAt: string | null;
  deletedAt: string | null;
  createdAt: string;
}

interface Row {
  id: string;
  project_id: string;
  seq: string;
  event_seq: string;
  kind: 'user' | 'system';
  author_id: string | null;
  author_name: string | null;
  content: string;
  system_data: SystemMessage | null;
  mentions: Array<{ id: string; name: string }> | null;
  attachments: Array<{ id: string; fileName: string }> | null;
  edited_at: Date | null;
  deleted_at: Date | null;
  created_at: Date;
}

/** The message columns with author, mentioned people and attachments resolved (alias `m`). */
export const MESSAGE_SQL = `select m.id, m.project_id, m.seq, m.event_seq, m.kind, m.author_id, a.first_name || ' ' || a.last_name as author_name, m.content, m.system_data,
       (select jsonb_agg(jsonb_build_object('id', e.id, 'name', e.first_name || ' ' || e.last_name)) from employees e where e.id::text in (select jsonb_array_elements_text(m.mentions))) as mentions,
       (select jsonb_agg(jsonb_build_object('id', d.id, 'fileName', d.file_name)) from documents d where d.deleted_at is null and d.id::text in (select jsonb_array_elements_text(m.attachments))) as attachments,
       m.edited_at, m.deleted_at, m.created_at
  from chat_messages m left join employees a on a.id = m.author_id`;

export function toMessageDto(r: Row): ChatMessageDto {
  const deleted = r.deleted_at !== null;
  return {
    id: r.id,
    projectId: r.project_id,
    seq: Number(r.seq),
    eventSeq: Number(r.event_seq),
    kind: r.kind,
    author: r.author_id ? { id: r.author_id, name: r.author_name ?? '' } : null,
    content: deleted ? null : r.content,
    system: deleted ? null : (r.system_data ?? null),
    mentions: deleted ? [] : (r.mentions ?? []),
    attachments: deleted ? [] : (r.attachments ?? []).map((a) => ({ ...a, downloadUrl: `/api/documents/${a.id}/download` })),
    editedAt: r.edited_at ? new Date(r.edited_at).toISOString() : null,
    deletedAt: r.deleted_at ? new Date(r.deleted_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** History, newest first, in pages of `limit` (default 50, at most 200) before the cursor. */
export async function listMessages(em: EntityManager, actor: Actor, input: ChatListInput): Promise<{ items: ChatMessageDto[]; nextCursor: number | null }> {
  await requireChatAccess(em, actor, input.projectId);
  const rows = await em.execute<Row[]>(
    `${MESSAGE_SQL} where m.project_id = ? ${input.cursor ? 'and m.seq < ?' : ''} order by m.seq desc limit ?`,
    input.cursor ? [input.projectId, input.cursor, input.limit + 1] : [input.projectId, input.limit + 1],
  );
  const page = rows.slice(0, input.limit).map(toMessageDto);
  return { items: page, nextCursor: rows.length > input.limit ? (page[page.length - 1]?.seq ?? null) : null };
}

/** Events (sent, edited or deleted messages) of a project after a stream position, oldest first. */
export async function messagesAfter(em: EntityManager, projectId: string, eventSeq: number, limit = 500): Promise<ChatMessageDto[]> {
  const rows = await em.execute<Row[]>(`${MESSAGE_SQL} where m.project_id = ? and m.event_seq > ? order by m.event_seq limit ?`, [projectId, eventSeq, limit]);
  return rows.map(toMessageDto);
}

export async function lastEventSeq(em: EntityManager, projectId: string): Promise<number> {
  const rows = await em.execute<Array<{ n: string | null }>>(`select max(event_seq) as n from chat_messages where project_id = ?`, [projectId]);
  return Number(rows[0]?.n ?? 0);
}

async function getMessage(em: EntityManager, id: string): Promise<ChatMessageDto> {
  const rows = await em.execute<Row[]>(`${MESSAGE_SQL} where m.id = ?`, [id]);
  if (!rows[0]) throw notFound('Message', id);
  return toMessageDto(rows[0]);
}

/** Writes the audit row of a chat change in the same transaction. */
async function audit(em: EntityManager, action: 'create' | 'update' | 'delete', id: string, changes: Record<string, { before: unknown; after: unknown }>) {
  await writeAudit(em, [{ action, entity: 'chatMessage', entityId: id, changes }]);
}

/**
 * Sends a message. Mentioned people must exist and get a notification; attachments must be
 * documents the sender can see. Returns the message and who was mentioned (to be announced
 * after commit).
 */
export async function sendMessage(em: EntityManager, actor: Actor, input: ChatSendInput): Promise<{ message: ChatMessageDto; mentioned: string[] }> {
  return em.transactional(async (tx) => {
    await requireChatAccess(tx, actor, input.projectId);
    const mentions = [...new Set(input.mentions)];
    const attachments = [...new Set(input.attachments)];
    if (mentions.length) {
      const found = await tx.execute<Array<{ id: string }>>(`select id from employees where id in (?) and deleted_at is null`, [mentions]);
      if (found.length !== mentions.length) throw appError('BAD_REQUEST', 'field.mentionsUnknown', {}, { field: 'mentions' });
    }
    if (attachments.length) {
      // The rule of documents.list: a document is attachable by whoever may see it.
      const found = await tx.find(StoredDocument, { $and: [{ id: { $in: attachments }, kind: 'upload' }, visibleWhere(actor)] }, { fields: ['id'] });
      if (found.length !== attachments.length) throw appError('BAD_REQUEST', 'field.attachmentUnknown', {}, { field: 'attachments' });
    }
    const rows = await tx.execute<Array<{ id: string }>>(
      `insert into chat_messages (id, project_id, author_id, kind, content, mentions, attachments, created_at) values (gen_random_uuid(), ?, ?, 'user', ?, ?::jsonb, ?::jsonb, now()) returning id`,
      [input.projectId, actor.id, input.content, JSON.stringify(mentions), JSON.stringify(attachments)],
    );
    const id = rows[0]?.id as string;
    await audit(tx, 'create', id, { project: { before: null, after: input.projectId }, content: { before: null, after: input.content } });
    const others = mentions.filter((m) => m !== actor.id);
    if (others.length) {
      await tx.execute(
        `insert into notifications (id, employee_id, kind, title, body, entity, entity_id, dedupe_key, created_at)
         select gen_random_uuid(), e.id, 'chat_mention', a.first_name || ' ' || a.last_name || ' hat Sie in ' || p.project_number || ' erwähnt', left(?, 300), 'project', p.id, 'chat-mention-' || ? || '-' || e.id, now()
           from employees e, employees a, projects p where e.id in (?) and a.id = ? and p.id = ?`,
        [input.content, id, others, actor.id, input.projectId],
      );
    }
    return { message: await getMessage(tx, id), mentioned: others };
  });
}

/** Loads a message for a change by its author (or a moderator when deleting). */
async function forChange(tx: EntityManager, actor: Actor, id: string, moderating: boolean) {
  const rows = await tx.execute<Array<{ project_id: string; author_id: string | null; deleted_at: Date | null; content: string }>>(
    `select project_id, author_id, deleted_at, content from chat_messages where id = ? for update`,
    [id],
  );
  const m = rows[0];
  if (!m) throw notFound('Message', id);
  await requireChatAccess(tx, actor, m.project_id).catch((error: unknown) => {
    if (!moderating) throw error;
  });
  const mayModerate = moderating && hasPermission(actor.permissions, 'chat.moderate');
  if (m.author_id !== actor.id && !mayModerate) throw appError('FORBIDDEN', moderating ? 'chat.onlyAuthorDeletes' : 'chat.onlyAuthorEdits', {}, { field: 'id' });
  if (m.deleted_at) throw appError('CONFLICT', 'chat.messageDeleted', {}, { field: 'id' });
  return m;
}

export async function editMessage(em: EntityManager, actor: Actor, input: ChatEditInput): Promise<ChatMessageDto> {
  return em.transactional(async (tx) => {
    const m = await forChange(tx, actor, input.id, false);
    await tx.execute(`update chat_messages set content = ?, edited_at = now(), event_seq = nextval('chat_events_seq') where id = ?`, [input.content, input.id]);
    await audit(tx, 'update', input.id, { content: { before: m.content, after: input.content } });
    return getMessage(tx, input.id);
  });
}

/** Soft deletion: the message stays in the history as "deleted", its text is no longer shown. */
export async function deleteMessage(em: EntityManager, actor: Actor, id: string): Promise<ChatMessageDto> {
  return em.transactional(async (tx) => {
    await forChange(tx, actor, id, true);
    await tx.execute(`update chat_messages set deleted_at = now(), event_seq = nextval('chat_events_seq') where id = ?`, [id]);
    await audit(tx, 'delete', id, { deletedAt: { before: null, after: new Date().toISOString() } });
    return getMessage(tx, id);
  });
}

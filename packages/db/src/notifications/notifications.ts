import type { EntityManager } from '@mikro-orm/postgresql';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { NotificationListInput } from '@workmate/domain/schemas/notifications';

export interface NotificationDto {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  entity: string | null;
  entityId: string | null;
  readAt: string | null;
  createdAt: string;
}

interface Row {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  entity: string | null;
  entity_id: string | null;
  read_at: Date | null;
  created_at: Date;
}

const toDto = (r: Row): NotificationDto => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  entity: r.entity,
  entityId: r.entity_id,
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  createdAt: new Date(r.created_at).toISOString(),
});

const COLUMNS = 'id, kind, title, body, entity, entity_id, read_at, created_at';

/** One's own notifications, newest first, with the number still unread. */
export async function listNotifications(em: EntityManager, employeeId: string, input: NotificationListInput): Promise<PageResult<NotificationDto> & { unread: number }> {
  const onlyUnread = input.unread ? ' and read_at is null' : '';
  const [rows, counts] = await Promise.all([
    em.execute<Row[]>(`select ${COLUMNS} from notifications where employee_id = ?${onlyUnread} order by created_at desc, id desc limit ? offset ?`, [employeeId, input.pageSize, (input.page - 1) * input.pageSize]),
    em.execute<Array<{ total: string; unread: string }>>(
      `select count(*) filter (where true${onlyUnread}) as total, count(*) filter (where read_at is null) as unread from notifications where employee_id = ?`,
      [employeeId],
    ),
  ]);
  return { items: rows.map(toDto), total: Number(counts[0]?.total ?? 0), page: input.page, pageSize: input.pageSize, unread: Number(counts[0]?.unread ?? 0) };
}

/** Marks one's own notifications read (the given ones, or all). Others' ids are ignored. */
export async function markRead(em: EntityManager, employeeId: string, ids: string[] | undefined): Promise<{ count: number }> {
  const res = ids?.length
    ? await em.execute(`update notifications set read_at = now() where employee_id = ? and read_at is null and id in (?)`, [employeeId, ids], 'run')
    : await em.execute(`update notifications set read_at = now() where employee_id = ? and read_at is null`, [employeeId], 'run');
  return { count: Number((res as { affectedRows?: number }).affectedRows ?? 0) };
}

/**
 * The position in a person's stream of notifications: creation time and id, so events can be
 * resumed exactly after the last one a client saw (its SSE last event id).
 */
export const cursorOf = (n: NotificationDto) => `${n.createdAt}|${n.id}`;

export async function currentCursor(em: EntityManager, employeeId: string): Promise<string> {
  const rows = await em.execute<Row[]>(`select ${COLUMNS} from notifications where employee_id = ? order by created_at desc, id desc limit 1`, [employeeId]);
  return rows[0] ? cursorOf(toDto(rows[0])) : `${new Date(0).toISOString()}|00000000-0000-0000-0000-000000000000`;
}

/** Notifications after the cursor, oldest first. A cursor that cannot be read starts from now. */
export async function notificationsAfter(em: EntityManager, employeeId: string, cursor: string, limit = 100): Promise<NotificationDto[]> {
  const [at, id] = cursor.split('|');
  const time = at && !Number.isNaN(Date.parse(at)) ? at : new Date().toISOString();
  const after = id && /^[0-9a-f-]{36}$/i.test(id) ? id : 'ffffffff-ffff-ffff-ffff-ffffffffffff';
  const rows = await em.execute<Row[]>(
    `select ${COLUMNS} from notifications where employee_id = ? and (date_trunc('milliseconds', created_at), id) > (?::timestamptz, ?::uuid) order by created_at, id limit ?`,
    [employeeId, time, after, limit],
  );
  return rows.map(toDto);
}

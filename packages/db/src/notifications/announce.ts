import { CHAT_CHANNEL, NOTIFICATION_CHANNEL } from '@workmate/domain/jobs';

/** Anything that can publish on Redis pub/sub (an ioredis client). */
export interface Publisher {
  publish(channel: string, message: string): Promise<unknown>;
}

/** Publishes `{ [key]: ids }` (without repeats) on a channel; nothing when there are no ids. */
export async function publishIds(redis: Publisher, channel: string, key: string, ids: string[]): Promise<void> {
  if (ids.length) await redis.publish(channel, JSON.stringify({ [key]: [...new Set(ids)] }));
}

/**
 * Announces, after commit, that these people have new notifications: every API process wakes
 * their live subscriptions, which then read the notifications from Postgres.
 */
export function announceNotifications(redis: Publisher, employeeIds: string[]): Promise<void> {
  return publishIds(redis, NOTIFICATION_CHANNEL, 'employeeIds', employeeIds);
}

/** Announces, after commit, that these projects' chats changed; every API process hands the new events to its subscribers. */
export function announceChat(redis: Publisher, projectIds: string[]): Promise<void> {
  return publishIds(redis, CHAT_CHANNEL, 'projectIds', projectIds);
}

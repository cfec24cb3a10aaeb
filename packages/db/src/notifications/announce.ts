import { NOTIFICATION_CHANNEL } from '@workmate/domain/jobs';

/** Anything that can publish on Redis pub/sub (an ioredis client). */
export interface Publisher {
  publish(channel: string, message: string): Promise<unknown>;
}

/**
 * Announces, after commit, that these people have new notifications: every API process wakes
 * their live subscriptions, which then read the notifications from Postgres.
 */
export async function announceNotifications(redis: Publisher, employeeIds: string[]): Promise<void> {
  if (employeeIds.length) await redis.publish(NOTIFICATION_CHANNEL, JSON.stringify({ employeeIds: [...new Set(employeeIds)] }));
}

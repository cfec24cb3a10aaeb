import { z } from 'zod';

/**
 * Job contracts shared by the API (which enqueues) and the worker (which processes).
 * Payloads carry ids, never personal data.
 */
export const QUEUES = {
  maintenance: 'maintenance',
} as const;

export const JOBS = {
  cleanupSessions: { queue: QUEUES.maintenance, name: 'cleanup-sessions', payload: z.object({}) },
} as const;

/** Recurring jobs, registered by the worker at start with upsertJobScheduler. */
export const SCHEDULES = [{ id: 'cleanup-sessions-hourly', job: JOBS.cleanupSessions, every: 60 * 60 * 1000 }] as const;

export const WORKER_HEARTBEAT_KEY = 'workmate:worker:heartbeat';

import { UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { EVENT_JOBS } from '@workmate/domain/events';
import { JOBS } from '@workmate/domain/jobs';
import { defineJob, type JobContext } from './define-job.ts';
import { processorsByQueue } from './dispatch.ts';
import { JOB_REGISTRY } from './registry.ts';

const contracts = [...Object.values(JOBS), ...EVENT_JOBS];
const fakeJob = (name: string, data: unknown) => ({ name, data }) as Job;
const ctx = {} as Omit<JobContext, 'job'>;

describe('the job registry', () => {
  it('has exactly one handler for every job contract in domain (jobs and event subscribers), and none without a contract', () => {
    const registered = JOB_REGISTRY.map((d) => d.contract.name);
    expect(new Set(registered).size).toBe(registered.length);
    expect(registered.slice().sort()).toEqual(contracts.map((c) => c.name).sort());
    // Each handler is registered with the contract's queue.
    for (const def of JOB_REGISTRY) expect(def.contract.queue).toBe(contracts.find((c) => c.name === def.contract.name)?.queue);
    expect(registered).toContain('invoice.finalized/invoice-pdf');
  });

  it('dispatches by job name, with the payload checked against the contract first', async () => {
    const seen: unknown[] = [];
    const processors = processorsByQueue([defineJob(JOBS.sendNotificationEmail, async (payload) => seen.push(payload))], ctx);
    expect([...processors.keys()]).toEqual(['notifications']);
    const process = processors.get('notifications');
    if (!process) throw new Error('no processor');
    const notificationId = '0b6f3c0e-3d1a-4f7e-9c55-1c3f2a6b7d80';
    await process(fakeJob(JOBS.sendNotificationEmail.name, { notificationId }));
    expect(seen).toEqual([{ notificationId }]);
    // A job nobody handles, and a payload that does not fit, fail for good; the handler does not run.
    await expect(process(fakeJob('no-such-job', {}))).rejects.toBeInstanceOf(UnrecoverableError);
    const invalid = process(fakeJob(JOBS.sendNotificationEmail.name, { notificationId: 'not-a-uuid' }));
    await expect(invalid).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(invalid).rejects.toThrow(/Invalid payload of send-notification-email/);
    expect(seen).toHaveLength(1);
  });

  it('refuses a job registered twice', () => {
    const twice = defineJob(JOBS.cleanupSessions, async () => undefined);
    expect(() => processorsByQueue([twice, twice], ctx)).toThrow(/registered twice/);
  });

  it('builds one processor per queue named by the registry, and the schedules come from the contracts', async () => {
    expect([...processorsByQueue(JOB_REGISTRY, ctx).keys()].sort()).toEqual(['automation', 'documents', 'events', 'invoices', 'maintenance', 'notifications', 'webhooks']);
    const { SCHEDULES } = await import('@workmate/domain/jobs');
    expect(SCHEDULES.map((s) => [s.id, s.job.name, s.atStart ?? null])).toEqual([
      ['cleanup-sessions-hourly', 'cleanup-sessions', null],
      ['overdue-sweep-daily', 'overdue-sweep', 'overdue-start'],
      ['reminder-sweep-daily', 'reminder-sweep', 'reminders-start'],
      ['dunning-run-daily', 'dunning-run', 'dunning-start'],
      ['recurring-invoices-daily', 'recurring-invoices', 'recurring-start'],
      ['sla-breach-sweep', 'sla-breach-sweep', 'sla-sweep-start'],
      ['imap-poll', 'poll-imap-mailbox', null],
      ['automation-schedule-minutely', 'automation-schedule', null],
      ['saved-reports-quarter-hourly', 'run-saved-reports', 'saved-reports-start'],
    ]);
  });
});

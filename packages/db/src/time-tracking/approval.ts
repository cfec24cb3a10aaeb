import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import type { ApproveInput, LockPeriodInput } from '@workmate/domain/schemas/time-tracking';
import { loadSettings } from '../core/settings.ts';
import { Employee } from '../entities/employee.ts';
import type { Actor } from '../shared/actor.ts';
import { mayApprove } from './access.ts';
import { loadForChange } from './entries.ts';

/** Approves or unapproves entries, all or none: every entry must be visible, finished, not invoiced, and approvable by this person. */
export async function setApproval(em: EntityManager, actor: Actor, input: ApproveInput, approved: boolean): Promise<{ count: number }> {
  return em.transactional(async (tx) => {
    let count = 0;
    for (const id of [...new Set(input.ids)].sort()) {
      const { entry, projectManagerId } = await loadForChange(tx, actor, id);
      if (!mayApprove({ projectManagerId }, actor)) {
        throw appError('FORBIDDEN', 'time.mayNotApprove', { id }, { field: 'ids' });
      }
      if (entry.endTime === null || entry.endTime === undefined) throw appError('CONFLICT', 'time.entryRunning', { id }, { field: 'ids' });
      if (entry.isInvoiced) throw appError('CONFLICT', 'time.entryInvoicedAndLocked', { id }, { field: 'ids' });
      if (entry.isApproved === approved) continue;
      entry.isApproved = approved;
      entry.approvedBy = approved ? tx.getReference(Employee, actor.id) : null;
      entry.approvedAt = approved ? new Date() : null;
      count++;
    }
    await tx.flush();
    return { count };
  });
}

/** Locks (or with null unlocks) all entries dated up to the given Berlin day. */
export async function lockPeriod(em: EntityManager, input: LockPeriodInput): Promise<{ lockedUntil: string | null }> {
  return em.transactional(async (tx) => {
    const settings = await loadSettings(tx);
    await tx.lock(settings, LockMode.PESSIMISTIC_WRITE);
    settings.timeLockedUntil = input.lockedUntil;
    await tx.flush();
    return { lockedUntil: input.lockedUntil };
  });
}

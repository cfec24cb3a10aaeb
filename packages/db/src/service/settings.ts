import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appError } from '@workmate/domain/errors';
import type { ServiceSettingsInput } from '@workmate/domain/schemas/service';
import { calendarProblem, DEFAULT_CALENDAR, DEFAULT_SLA_TARGETS, type BusinessCalendar, type SlaTarget, type TicketPriority } from '@workmate/domain/service-sla';
import { ServiceSettings } from '../entities/service-settings.ts';
import { checkVersion } from '../shared/versioning.ts';

export interface ServiceSettingsDto {
  workDays: number[];
  dayStart: string;
  dayEnd: string;
  holidays: string[];
  targets: Record<TicketPriority, SlaTarget>;
  version: number;
}

export interface ServiceRules {
  calendar: BusinessCalendar;
  targets: Record<TicketPriority, SlaTarget>;
}

async function loadRow(em: EntityManager, lock = false): Promise<ServiceSettings> {
  const found = await em.findOne(ServiceSettings, { id: 1 }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {});
  if (found) return found;
  // The migration writes the row; this only covers a database that lost it.
  await em.execute(
    `insert into service_settings (id, work_days, day_start, day_end, holidays, targets, updated_at) values (1, ?::jsonb, ?, ?, '[]', ?::jsonb, now()) on conflict (id) do nothing`,
    [JSON.stringify(DEFAULT_CALENDAR.workDays), DEFAULT_CALENDAR.dayStart, DEFAULT_CALENDAR.dayEnd, JSON.stringify(DEFAULT_SLA_TARGETS)],
  );
  return em.findOneOrFail(ServiceSettings, { id: 1 }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {});
}

const toDto = (s: ServiceSettings): ServiceSettingsDto => ({
  workDays: [...s.workDays],
  dayStart: s.dayStart,
  dayEnd: s.dayEnd,
  holidays: [...s.holidays],
  targets: { ...DEFAULT_SLA_TARGETS, ...s.targets } as Record<TicketPriority, SlaTarget>,
  version: s.version,
});

export async function loadServiceRules(em: EntityManager): Promise<ServiceRules> {
  const s = toDto(await loadRow(em));
  return { calendar: { workDays: s.workDays, dayStart: s.dayStart, dayEnd: s.dayEnd, holidays: s.holidays }, targets: s.targets };
}

export async function getServiceSettings(em: EntityManager): Promise<ServiceSettingsDto> {
  return toDto(await loadRow(em));
}

/** Saves the calendar and targets; the due times of every open ticket follow (`refresh`, in the same transaction). */
export async function updateServiceSettings(
  em: EntityManager,
  input: ServiceSettingsInput,
  refresh: (tx: EntityManager) => Promise<void>,
): Promise<ServiceSettingsDto> {
  const workDays = [...new Set(input.workDays)].sort();
  const problem = calendarProblem({ workDays, dayStart: input.dayStart, dayEnd: input.dayEnd, holidays: input.holidays });
  if (problem) throw appError('BAD_REQUEST', 'service.calendarEmpty', {}, { field: problem });
  return em.transactional(async (tx) => {
    const s = await loadRow(tx, true);
    checkVersion(s, input.version, 'service settings');
    tx.assign(s, { workDays, dayStart: input.dayStart, dayEnd: input.dayEnd, holidays: [...new Set(input.holidays)].sort(), targets: input.targets });
    await tx.flush();
    await refresh(tx);
    return toDto(s);
  });
}

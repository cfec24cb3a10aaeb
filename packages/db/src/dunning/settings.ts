import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@workmate/domain/errors';
import type { DunningLevelUpdateInput, DunningSettingsUpdateInput } from '@workmate/domain/schemas/dunning';
import { moneyText } from '../shared/format.ts';
import { checkVersion } from '../shared/versioning.ts';
import { DunningLevel } from '../entities/dunning-level.ts';
import { DunningSettings } from '../entities/dunning-settings.ts';

export interface DunningLevelDto {
  id: string;
  level: number;
  daysAfterDue: number;
  fee: string;
  chargesInterest: boolean;
  chargesFlatFee: boolean;
  titleDe: string;
  titleEn: string;
  textDe: string;
  textEn: string;
  version: number;
}

export interface DunningSettingsDto {
  autoSend: boolean;
  numberPattern: string;
  version: number;
  levels: DunningLevelDto[];
  baseRates: Array<{ from: string; rate: string }>;
}

const levelDto = (l: DunningLevel): DunningLevelDto => ({
  id: l.id,
  level: l.level,
  daysAfterDue: l.daysAfterDue,
  fee: moneyText(l.fee),
  chargesInterest: l.chargesInterest,
  chargesFlatFee: l.chargesFlatFee,
  titleDe: l.titleDe,
  titleEn: l.titleEn,
  textDe: l.textDe,
  textEn: l.textEn,
  version: l.version,
});

/** The single settings row (the migration creates it; created again if someone removed it). */
export async function loadDunningSettings(em: EntityManager): Promise<DunningSettings> {
  const found = await em.findOne(DunningSettings, { id: 1 });
  if (found) return found;
  await em.execute(`insert into dunning_settings (id, auto_send, number_pattern, created_at, updated_at) values (1, false, 'MA-{YYYY}-{NNNN}', now(), now()) on conflict (id) do nothing`);
  return em.findOneOrFail(DunningSettings, { id: 1 });
}

export async function getDunningSettings(em: EntityManager): Promise<DunningSettingsDto> {
  const settings = await loadDunningSettings(em);
  const levels = await em.find(DunningLevel, {}, { orderBy: { level: 'asc' }, refresh: true });
  const rates = await em.execute<Array<{ from: string; rate: string }>>(`select to_char(effective_from, 'YYYY-MM-DD') as "from", rate::text as rate from base_rates order by effective_from desc`);
  return { autoSend: settings.autoSend, numberPattern: settings.numberPattern, version: settings.version, levels: levels.map(levelDto), baseRates: rates };
}

export async function updateDunningSettings(em: EntityManager, input: DunningSettingsUpdateInput): Promise<DunningSettingsDto> {
  await em.transactional(async (tx) => {
    const settings = await loadDunningSettings(tx);
    checkVersion(settings, input.version, 'dunning settings');
    settings.autoSend = input.autoSend;
    settings.numberPattern = input.numberPattern;
    await tx.flush();
  });
  return getDunningSettings(em.fork());
}

/** Changes one level's days, fee, charges and texts. Notices already proposed or sent keep theirs. */
export async function updateDunningLevel(em: EntityManager, input: DunningLevelUpdateInput): Promise<DunningLevelDto> {
  return em.transactional(async (tx) => {
    const level = await tx.findOne(DunningLevel, { level: input.level });
    if (!level) throw notFound('DunningLevel', String(input.level));
    checkVersion(level, input.version, 'dunning level');
    const { version: _version, level: _level, ...fields } = input;
    Object.assign(level, fields);
    await tx.flush();
    return levelDto(level);
  });
}

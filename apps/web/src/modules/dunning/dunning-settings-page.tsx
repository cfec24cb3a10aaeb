import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DunningLevelUpdateInput, DunningSettingsUpdateInput } from '@workmate/domain/schemas/dunning';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { readAmountFields } from '../../lib/number-input.ts';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { CheckboxField, TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { Card, Loading, PageHeader } from '../../ui/page.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';
import { decimalText, type DunningLevel, type DunningSettings } from './dunning-options.ts';

/**
 * `/admin/dunning` (Mahnstufen): the three levels (days after the due date, fee, whether they
 * charge interest and the €40 flat fee, title and text in German and English), automatic sending
 * and the number pattern, and the Bundesbank base rates the interest is computed from.
 */
export function DunningSettingsPage() {
  const { t, lang, formatDate } = useI18n();
  const trpc = useTRPC();
  const settings = useQuery(trpc.dunning.settings.get.queryOptions());
  const [saved, setSaved] = useState(false);
  return (
    <>
      <PageHeader title={t('dunning.levels')}>
        <span className="muted small">{t('dunning.levelsHint')}</span>
      </PageHeader>
      {saved ? <Alert kind="success" testId="dunning-saved">{t('common.saved')}</Alert> : null}
      <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      {settings.isPending ? <Loading /> : null}
      {settings.data ? (
        <>
          <GeneralForm key={`g-${settings.data.version}`} settings={settings.data} onSaved={() => setSaved(true)} />
          {settings.data.levels.map((level) => (
            <LevelForm key={`${level.id}-${level.version}`} level={level} onSaved={() => setSaved(true)} />
          ))}
          <Card title={t('dunning.baseRates')} testId="dunning-base-rates">
            <p className="muted small">{t('dunning.baseRatesHint')}</p>
            <table className="table table-compact">
              <thead>
                <tr>
                  <th>{t('dunning.baseRateFrom')}</th>
                  <th className="num">{t('dunning.baseRate')}</th>
                </tr>
              </thead>
              <tbody>
                {settings.data.baseRates.map((r) => (
                  <tr key={r.from} data-testid="base-rate-row">
                    <td>{formatDate(r.from)}</td>
                    <td className="num">{decimalText(r.rate, lang)} %</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </>
      ) : null}
    </>
  );
}

function useSaved(onSaved: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    onSaved();
    await queryClient.invalidateQueries({ queryKey: trpc.dunning.settings.get.queryKey() });
  };
}

function GeneralForm({ settings, onSaved }: { settings: DunningSettings; onSaved: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const saved = useSaved(onSaved);
  const form = useForm({ autoSend: settings.autoSend, numberPattern: settings.numberPattern });
  const save = useMutation(trpc.dunning.settings.update.mutationOptions({ onSuccess: saved, onError: (e) => form.setErrors(errorInfo(e).fieldErrors) }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = DunningSettingsUpdateInput.safeParse({ ...form.values, version: settings.version });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    save.mutate(parsed.data);
  };
  const disabled = !can('dunning.write');
  return (
    <Card title={t('dunning.general')} testId="dunning-general">
      <form className="form-grid" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={save.error} />
        <CheckboxField {...form.check('autoSend')} label={t('dunning.autoSend')} disabled={disabled} testId="dunning-auto-send" />
        <TextField {...form.text('numberPattern')} label={t('dunning.numberPattern')} hint={t('dunning.numberPatternHint')} disabled={disabled} required />
        {disabled ? null : (
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="dunning-general-save">
              {save.isPending ? t('common.saving') : t('common.save')}
            </button>
          </div>
        )}
      </form>
    </Card>
  );
}

function LevelForm({ level, onSaved }: { level: DunningLevel; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const saved = useSaved(onSaved);
  const form = useForm({
    daysAfterDue: String(level.daysAfterDue),
    fee: decimalText(level.fee, lang),
    chargesInterest: level.chargesInterest,
    chargesFlatFee: level.chargesFlatFee,
    titleDe: level.titleDe,
    titleEn: level.titleEn,
    textDe: level.textDe,
    textEn: level.textEn,
  });
  const save = useMutation(trpc.dunning.settings.updateLevel.mutationOptions({ onSuccess: saved, onError: (e) => form.setErrors(errorInfo(e).fieldErrors) }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const typed = readAmountFields(form.values, ['fee'], lang);
    if (!typed.ok) return form.setErrors(typed.errors);
    const days = typed.values.daysAfterDue.trim();
    const parsed = DunningLevelUpdateInput.safeParse({ ...typed.values, daysAfterDue: /^\d+$/.test(days) ? Number(days) : days, level: level.level, version: level.version });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    save.mutate(parsed.data);
  };
  const disabled = !can('dunning.write');
  return (
    <Card title={t('dunning.levelTitle', { level: level.level, title: lang === 'en' ? level.titleEn : level.titleDe })} testId={`dunning-level-${level.level}`}>
      <form className="form-grid" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={save.error} />
        <TextField {...form.text('daysAfterDue')} label={t('dunning.daysAfterDue')} inputMode="numeric" disabled={disabled} required testId="level-days" />
        <TextField {...form.text('fee')} label={t('dunning.levelFee')} inputMode="decimal" disabled={disabled} required testId="level-fee" />
        <CheckboxField {...form.check('chargesInterest')} label={t('dunning.chargesInterest')} disabled={disabled} />
        <CheckboxField {...form.check('chargesFlatFee')} label={t('dunning.chargesFlatFee')} disabled={disabled} />
        <TextField {...form.text('titleDe')} label={t('dunning.titleDe')} disabled={disabled} required />
        <TextField {...form.text('titleEn')} label={t('dunning.titleEn')} disabled={disabled} required />
        <TextAreaField {...form.text('textDe')} label={t('dunning.textDe')} disabled={disabled} required />
        <TextAreaField {...form.text('textEn')} label={t('dunning.textEn')} disabled={disabled} required />
        {disabled ? null : (
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="level-save">
              {save.isPending ? t('common.saving') : t('common.save')}
            </button>
          </div>
        )}
      </form>
    </Card>
  );
}

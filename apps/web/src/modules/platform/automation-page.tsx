import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AutomationRuleCreateInput, TRIGGER_TYPES } from '@workmate/domain/automation';
import { RECORD_ENTITIES } from '@workmate/domain/webhooks';
import { useState, type FormEvent } from 'react';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { errorInfo, type FieldErrors } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { Card, Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';

type Rule = RouterOutputs['platform']['automation']['list'][number];
type Run = RouterOutputs['platform']['automation']['runs']['items'][number];
const RUN_TONE: Record<Run['status'], string> = { succeeded: 'success', failed: 'danger', skipped: 'neutral', stopped: 'warning' };

/**
 * `/admin/automation` (issue 18): the rules (trigger, version, on/off), an editor (trigger by
 * fields; condition and actions as JSON, checked by the same schema as the API) where saving a
 * changed trigger, condition or actions makes a new version, and the run log with each run's steps.
 */
export function AutomationPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const rules = useQuery(trpc.platform.automation.list.queryOptions());
  const runs = useQuery(trpc.platform.automation.runs.queryOptions({ pageSize: 50 }));
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  return (
    <>
      <PageHeader
        title={t('automation.title')}
        actions={
          <button type="button" className="btn btn-primary" data-testid="rule-new" onClick={() => setEditing('new')}>
            {t('automation.new')}
          </button>
        }
      >
        <span className="muted small">{t('automation.hint')}</span>
      </PageHeader>
      {editing ? <RuleEditor key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`} rule={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}
      <Card title={t('automation.rules')} testId="automation-rules">
        <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />
        {rules.isPending ? <Loading /> : null}
        {rules.data?.length === 0 ? <Empty>{t('automation.empty')}</Empty> : null}
        {rules.data?.length ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('automation.name')}</th>
                  <th>{t('automation.trigger')}</th>
                  <th className="num">{t('automation.version')}</th>
                  <th>{t('automation.active')}</th>
                  <th>
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rules.data.map((r) => (
                  <tr key={r.id} data-testid="rule-row" data-id={r.id}>
                    <td>{r.name}</td>
                    <td data-testid="rule-trigger">
                      {t(`trigger.${r.trigger.type}` as MessageKey)}
                      {'entity' in r.trigger ? ` · ${r.trigger.entity}` : ''}
                      {r.trigger.type === 'webhook' ? <div className="muted small">{t('automation.hookPath', { path: r.hookPath })}</div> : null}
                    </td>
                    <td className="num" data-testid="rule-version">{r.currentVersion}</td>
                    <td>
                      <Badge tone={r.active ? 'success' : 'neutral'}>{r.active ? t('webhooks.statusActive') : t('webhooks.statusDisabled')}</Badge>
                    </td>
                    <td className="actions">
                      <button type="button" className="btn btn-small" data-testid="rule-edit" onClick={() => setEditing(r)}>
                        {t('common.edit')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
      <Card title={t('automation.runs')} testId="automation-runs">
        <ErrorAlert error={runs.error} onRetry={() => void runs.refetch()} />
        {runs.data?.items.length === 0 ? <Empty>{t('automation.runsEmpty')}</Empty> : null}
        {runs.data?.items.length ? <RunTable runs={runs.data.items} /> : null}
      </Card>
    </>
  );
}

function RunTable({ runs }: { runs: Run[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <thead>
          <tr>
            <th>{t('automation.startedAt')}</th>
            <th>{t('automation.rule')}</th>
            <th className="num">{t('automation.version')}</th>
            <th className="num">{t('automation.depth')}</th>
            <th>{t('webhooks.status')}</th>
            <th>{t('automation.steps')}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} data-testid="run-row" data-id={r.id}>
              <td>{formatDateTime(r.startedAt)}</td>
              <td>{r.ruleName}</td>
              <td className="num">{r.ruleVersion}</td>
              <td className="num">{r.depth}</td>
              <td>
                <Badge tone={RUN_TONE[r.status]} testId="run-status">{t(`runStatus.${r.status}` as MessageKey)}</Badge>
                {r.error ? <div className="muted small">{r.error}</div> : null}
              </td>
              <td className="small">{r.steps.map((s) => `${s.action}: ${s.status}${s.detail ? ` (${s.detail})` : ''}`).join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The form's fields from a rule (or empty for a new one). */
function initialValues(rule: Rule | null) {
  const trigger = rule?.trigger;
  return {
    name: rule?.name ?? '',
    active: rule?.active ?? true,
    triggerType: trigger?.type ?? 'recordCreated',
    entity: trigger && 'entity' in trigger ? trigger.entity : 'customer',
    status: trigger?.type === 'statusSet' ? trigger.status : '',
    fields: trigger?.type === 'recordChanged' ? (trigger.fields ?? []).join(', ') : '',
    everyMinutes: trigger?.type === 'schedule' ? String(trigger.everyMinutes) : '60',
    condition: rule && rule.condition.all.length ? JSON.stringify(rule.condition) : '',
    actions: rule ? JSON.stringify(rule.actions, null, 2) : '',
  };
}

/** API field paths under the form's fields: `trigger.entity` → entity, `actions.0.field` → actions. */
function formErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, problems] of Object.entries(errors)) {
    const key = path.startsWith('trigger.') ? path.slice('trigger.'.length).split('.')[0] ?? path : path.split('.')[0] ?? path;
    const label = path.includes('.') && !path.startsWith('trigger.') ? problems.map((p) => (typeof p === 'string' ? `${path}: ${p}` : p)) : problems;
    out[key] = [...(out[key] ?? []), ...label];
  }
  return out;
}

function RuleEditor({ rule, onDone }: { rule: Rule | null; onDone: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm(initialValues(rule));
  const saved = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.platform.automation.list.queryKey() });
    onDone();
  };
  const onError = (e: unknown) => form.setErrors(formErrors(errorInfo(e).fieldErrors));
  const create = useMutation(trpc.platform.automation.create.mutationOptions({ onSuccess: saved, onError }));
  const update = useMutation(trpc.platform.automation.update.mutationOptions({ onSuccess: saved, onError }));
  const v = form.values;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const json = (text: string, fallback: unknown): { ok: true; value: unknown } | { ok: false } => {
      if (!text.trim()) return { ok: true, value: fallback };
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch {
        return { ok: false };
      }
    };
    const condition = json(v.condition, { all: [] });
    const actions = json(v.actions, []);
    if (!condition.ok || !actions.ok) {
      return form.setErrors({ ...(condition.ok ? {} : { condition: [t('automation.invalidJson')] }), ...(actions.ok ? {} : { actions: [t('automation.invalidJson')] }) });
    }
    const fields = v.fields.split(',').map((f) => f.trim()).filter(Boolean);
    const trigger =
      v.triggerType === 'schedule'
        ? { type: 'schedule', everyMinutes: /^\d+$/.test(v.everyMinutes) ? Number(v.everyMinutes) : v.everyMinutes }
        : v.triggerType === 'webhook'
          ? { type: 'webhook' }
          : v.triggerType === 'statusSet'
            ? { type: 'statusSet', entity: v.entity, status: v.status }
            : v.triggerType === 'recordChanged'
              ? { type: 'recordChanged', entity: v.entity, ...(fields.length ? { fields } : {}) }
              : { type: 'recordCreated', entity: v.entity };
    const parsed = AutomationRuleCreateInput.safeParse({ name: v.name, active: v.active, trigger, condition: condition.value, actions: actions.value });
    if (!parsed.success) return form.setErrors(formErrors(zodFieldErrors(parsed.error)));
    if (rule) update.mutate({ id: rule.id, version: rule.version, ...parsed.data });
    else create.mutate(parsed.data);
  };
  const pending = create.isPending || update.isPending;
  const entityOptions = RECORD_ENTITIES.map((e) => ({ value: e, label: e }));
  return (
    <Card title={rule ? t('automation.edit') : t('automation.new')} testId="rule-editor">
      <form className="form-grid" onSubmit={onSubmit} noValidate>
        <ErrorAlert error={create.error ?? update.error} />
        <TextField {...form.text('name')} label={t('automation.name')} required testId="rule-name" />
        <CheckboxField {...form.check('active')} label={t('automation.active')} testId="rule-active" />
        <SelectField {...form.text('triggerType')} label={t('automation.triggerType')} options={TRIGGER_TYPES.map((type) => ({ value: type, label: t(`trigger.${type}` as MessageKey) }))} testId="rule-trigger-type" />
        {['recordCreated', 'recordChanged', 'statusSet'].includes(v.triggerType) ? <SelectField {...form.text('entity')} label={t('automation.entity')} options={entityOptions} testId="rule-entity" /> : null}
        {v.triggerType === 'statusSet' ? <TextField {...form.text('status')} label={t('automation.status')} required testId="rule-status" /> : null}
        {v.triggerType === 'recordChanged' ? <TextField {...form.text('fields')} label={t('automation.fields')} testId="rule-fields" /> : null}
        {v.triggerType === 'schedule' ? <TextField {...form.text('everyMinutes')} label={t('automation.everyMinutes')} inputMode="numeric" testId="rule-every" /> : null}
        <TextAreaField {...form.text('condition')} label={t('automation.condition')} hint={t('automation.conditionHint')} rows={3} wide testId="rule-condition" />
        <TextAreaField {...form.text('actions')} label={t('automation.actions')} hint={t('automation.actionsHint')} rows={6} wide required testId="rule-actions" />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onDone}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={pending} data-testid="rule-save">
            {t('automation.save')}
          </button>
        </div>
      </form>
    </Card>
  );
}

import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { Card } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import type { Project } from './project-options.ts';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children || '—'}</dd>
    </div>
  );
}

export function ProjectDetails({ project: p }: { project: Project }) {
  const { t, tOr, formatDate, formatMoney, formatDateTime } = useI18n();
  const can = useCan();
  return (
    <Card title={t('project.masterData')} testId="project-details">
      <dl className="details">
        <Item label={t('project.customer')}>
          {can('crm.read') ? <Link href={`/crm/customers/${p.customer.id}`}>{p.customer.name}</Link> : p.customer.name}
        </Item>
        <Item label={t('project.department')}>{p.department?.name}</Item>
        <Item label={t('project.projectManager')}>{p.projectManager?.name}</Item>
        <Item label={t('project.priority')}>{tOr(`projectPriority.${p.priority}`, p.priority)}</Item>
        <Item label={t('project.startDate')}>{p.startDate ? formatDate(p.startDate) : null}</Item>
        <Item label={t('project.endDate')}>{p.endDate ? formatDate(p.endDate) : null}</Item>
        <Item label={t('project.deadline')}>{p.deadline ? formatDate(p.deadline) : null}</Item>
        <Item label={t('project.budget')}>{p.budget ? formatMoney(p.budget) : null}</Item>
        <Item label={t('project.hourlyRate')}>{p.hourlyRate ? formatMoney(p.hourlyRate) : null}</Item>
        <Item label={t('project.billableByDefault')}>{p.billableByDefault ? t('common.yes') : t('common.no')}</Item>
        <Item label={t('customer.createdAt')}>{formatDateTime(p.createdAt)}</Item>
        <Item label={t('customer.updatedAt')}>{formatDateTime(p.updatedAt)}</Item>
      </dl>
      {p.description ? (
        <div className="notes">
          <h3>{t('project.description')}</h3>
          <p className="pre-wrap">{p.description}</p>
        </div>
      ) : null}
      {p.notes ? (
        <div className="notes">
          <h3>{t('project.notes')}</h3>
          <p className="pre-wrap">{p.notes}</p>
        </div>
      ) : null}
    </Card>
  );
}

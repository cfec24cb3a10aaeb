import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CampaignFilter, MailingCreateInput } from '@workmate/domain/schemas/campaigns';
import { CUSTOMER_STATUSES, CUSTOMER_TYPES } from '@workmate/domain/enums';
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useCan } from '../../lib/session.ts';
import { CustomerPicker } from '../../pickers/customer-picker.tsx';
import { useTRPC } from '../../trpc.ts';
import { Alert, ErrorAlert } from '../../ui/alert.tsx';
import { ChipToggles } from '../../ui/chip-toggles.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { CheckboxField, SelectField, TextField } from '../../ui/form-fields.tsx';
import { Card, Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';
import { ConsentBadge } from './consent-status.tsx';

/** `/campaigns/:id`: a campaign's filter, its members (with their consent) and its mailings. */
export function CampaignPage({ id }: { id: string }) {
  const { t, formatDateTime } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const campaign = useQuery(trpc.campaigns.get.queryOptions({ id }));
  const members = useQuery(trpc.campaigns.members.list.queryOptions({ campaignId: id, pageSize: 200 }));
  const mailings = useQuery(trpc.campaigns.mailings.list.queryOptions({ campaignId: id }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() });
  const addFromFilter = useMutation(trpc.campaigns.members.addFromFilter.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.campaigns.members.remove.mutationOptions({ onSuccess: refresh }));
  const newMailing = useMutation(
    trpc.campaigns.mailings.create.mutationOptions({
      onSuccess: async (m) => {
        await refresh();
        navigate(`/campaigns/mailings/${m.id}`);
      },
    }),
  );
  if (campaign.isPending) return <Loading />;
  if (!campaign.data) return <ErrorAlert error={campaign.error} onRetry={() => void campaign.refetch()} />;
  const c = campaign.data;
  const canWrite = can('campaigns.write');
  return (
    <>
      <PageHeader title={c.name}>{c.description ? <p className="muted">{c.description}</p> : null}</PageHeader>
      <div className="grid-2">
        <Card title={t('campaign.filter')} testId="campaign-filter">
          <FilterForm key={c.version} id={c.id} version={c.version} filter={c.filter} readOnly={!canWrite} />
          {canWrite ? (
            <div className="form-actions">
              <button type="button" className="btn btn-primary" disabled={addFromFilter.isPending} onClick={() => addFromFilter.mutate({ id: c.id })} data-testid="add-from-filter">
                {t('campaign.addFromFilter')}
              </button>
            </div>
          ) : null}
          {addFromFilter.data ? (
            <Alert kind="success" testId="added-from-filter">
              {t('campaign.addedFromFilter', { added: addFromFilter.data.added, total: addFromFilter.data.memberCount })}
            </Alert>
          ) : null}
          <ErrorAlert error={addFromFilter.error} />
        </Card>
        <Card
          title={`${t('campaign.mailings')} (${c.mailingCount})`}
          testId="campaign-mailings"
          actions={
            canWrite ? (
              <button
                type="button"
                className="btn btn-small btn-primary"
                disabled={newMailing.isPending}
                onClick={() => newMailing.mutate(MailingCreateInput.parse({ campaignId: c.id, subject: c.name, body: 'Guten Tag {{firstName}} {{lastName}},\n\n' }))}
                data-testid="new-mailing"
              >
                + {t('campaign.newMailing')}
              </button>
            ) : null
          }
        >
          <ErrorAlert error={mailings.error ?? newMailing.error} />
          {!mailings.data?.length ? (
            <Empty>{t('campaign.noMailings')}</Empty>
          ) : (
            <table className="table" data-testid="mailings-table">
              <thead>
                <tr>
                  <th>{t('mailing.subject')}</th>
                  <th>{t('mailing.status')}</th>
                  <th>{t('mailing.stats.sent')}</th>
                  <th>{t('mailing.stats.opened')}</th>
                </tr>
              </thead>
              <tbody>
                {mailings.data.map((m) => (
                  <tr key={m.id} data-testid="mailing-row">
                    <td>
                      <Link href={`/campaigns/mailings/${m.id}`}>{m.subject}</Link>
                    </td>
                    <td>{m.status === 'sent' ? `${t('mailing.status.sent')} ${formatDateTime(m.sentAt)}` : t('mailing.status.draft')}</td>
                    <td>{m.stats.sent}</td>
                    <td>{m.stats.opened}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
      <Card title={`${t('campaign.members')} (${members.data?.total ?? c.memberCount})`} testId="campaign-members">
        {canWrite ? <AddMember campaignId={c.id} /> : null}
        <ErrorAlert error={members.error ?? remove.error} />
        {!members.data ? (
          <Loading />
        ) : !members.data.items.length ? (
          <Empty>{t('campaign.noMembers')}</Empty>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="members-table">
              <thead>
                <tr>
                  <th>{t('campaign.contact')}</th>
                  <th>{t('campaign.email')}</th>
                  <th>{t('campaign.customer')}</th>
                  <th>{t('campaign.consent')}</th>
                  <th>{t('campaign.source')}</th>
                  {canWrite ? <th>{t('common.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {members.data.items.map((m) => (
                  <tr key={m.id} data-testid="member-row">
                    <td>{m.contactName}</td>
                    <td>{m.email}</td>
                    <td>
                      <Link href={`/crm/customers/${m.customerId}`}>{m.customerName}</Link>
                    </td>
                    <td>
                      <ConsentBadge status={m.consentStatus} />
                    </td>
                    <td>{t(m.source === 'filter' ? 'campaign.source.filter' : 'campaign.source.manual')}</td>
                    {canWrite ? (
                      <td>
                        <button type="button" className="btn btn-small" disabled={remove.isPending} onClick={() => remove.mutate({ campaignId: c.id, contactId: m.contactId })} data-testid="remove-member">
                          {t('campaign.remove')}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}

function FilterForm({ id, version, filter, readOnly }: { id: string; version: number; filter: CampaignFilter; readOnly: boolean }) {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [statuses, setStatuses] = useState<string[]>(filter.customerStatus);
  const [types, setTypes] = useState<string[]>(filter.customerType);
  const form = useForm({ city: filter.city ?? '', customerSearch: filter.customerSearch ?? '', primaryOnly: filter.primaryOnly });
  const save = useMutation(
    trpc.campaigns.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() }),
      onError: (error) => form.setErrors(errorInfo(error).fieldErrors),
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = CampaignFilter.safeParse({ ...form.values, customerStatus: statuses, customerType: types });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    save.mutate({ id, version, filter: parsed.data });
  };
  return (
    <form className="form-grid" onSubmit={onSubmit} noValidate data-testid="filter-form">
      <p className="muted small field-wide">{t('campaign.filterHint')}</p>
      <ErrorAlert error={save.error} />
      <div className="field-wide">
        <ChipToggles label={t('campaign.filterStatus')} options={enumOptions(CUSTOMER_STATUSES, 'customerStatus', tOr)} selected={statuses} onChange={readOnly ? () => undefined : setStatuses} testId="filter-status" />
      </div>
      <div className="field-wide">
        <ChipToggles label={t('campaign.filterType')} options={enumOptions(CUSTOMER_TYPES, 'customerType', tOr)} selected={types} onChange={readOnly ? () => undefined : setTypes} testId="filter-type" />
      </div>
      <TextField {...form.text('city')} label={t('campaign.filterCity')} testId="filter-city" />
      <TextField {...form.text('customerSearch')} label={t('campaign.filterSearch')} testId="filter-search" />
      <CheckboxField {...form.check('primaryOnly')} label={t('campaign.filterPrimaryOnly')} disabled={readOnly} testId="filter-primary" />
      {readOnly ? null : (
        <div className="form-actions">
          <button type="submit" className="btn" disabled={save.isPending} data-testid="filter-save">
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      )}
    </form>
  );
}

function AddMember({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({ customerId: '', contactId: '' });
  const contacts = useQuery({ ...trpc.crm.contacts.list.queryOptions({ customerId: form.values.customerId, pageSize: 200 }), enabled: Boolean(form.values.customerId) });
  const add = useMutation(
    trpc.campaigns.members.add.mutationOptions({
      onSuccess: async () => {
        form.set('contactId', '');
        await queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() });
      },
      onError: (error) => form.setErrors(errorInfo(error).fieldErrors),
    }),
  );
  const options = (contacts.data?.items ?? []).filter((c) => c.email).map((c) => ({ value: c.id, label: `${c.firstName} ${c.lastName} <${c.email ?? ''}>` }));
  return (
    <form
      className="form-grid"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (form.values.contactId) add.mutate({ campaignId, contactId: form.values.contactId });
      }}
      data-testid="add-member-form"
    >
      <CustomerPicker {...form.text('customerId')} label={t('campaign.customer')} />
      <SelectField {...form.text('contactId')} label={t('campaign.contact')} options={options} emptyLabel={t('common.none')} testId="add-member-contact" />
      <div className="form-actions">
        <button type="submit" className="btn" disabled={add.isPending || !form.values.contactId} data-testid="add-member">
          {t('campaign.addMember')}
        </button>
      </div>
    </form>
  );
}

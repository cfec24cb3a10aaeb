import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CampaignCreateInput } from '@workmate/domain/schemas/campaigns';
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { useCan } from '../../lib/session.ts';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { CancelButton, Modal } from '../../ui/modal.tsx';
import { Card, Empty, Loading, PageHeader } from '../../ui/page.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';

/** `/campaigns`: the marketing campaigns with their member and mailing counts. */
export function CampaignsPage() {
  const { t, formatDateTime } = useI18n();
  const trpc = useTRPC();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ ...trpc.campaigns.list.queryOptions({ pageSize: 200 }), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader
        title={t('campaign.listTitle')}
        actions={
          can('campaigns.write') ? (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="new-campaign">
              + {t('campaign.new')}
            </button>
          ) : null
        }
      />
      <p className="muted small">{t('consent.hint')}</p>
      <ErrorAlert error={list.error} />
      {!list.data ? (
        <Loading />
      ) : !list.data.items.length ? (
        <Empty>{t('campaign.empty')}</Empty>
      ) : (
        <Card>
          <div className="table-wrap">
            <table className="table" data-testid="campaigns-table">
              <thead>
                <tr>
                  <th>{t('campaign.name')}</th>
                  <th>{t('campaign.members')}</th>
                  <th>{t('campaign.mailings')}</th>
                  <th>{t('campaign.created')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((c) => (
                  <tr key={c.id} data-testid="campaign-row">
                    <td>
                      <Link href={`/campaigns/${c.id}`}>{c.name}</Link>
                      {c.description ? <div className="muted small">{c.description}</div> : null}
                    </td>
                    <td>{c.memberCount}</td>
                    <td>{c.mailingCount}</td>
                    <td className="small">{formatDateTime(c.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      {creating ? (
        <Modal title={t('campaign.new')} onClose={() => setCreating(false)} testId="campaign-dialog">
          <NewCampaignForm onCancel={() => setCreating(false)} />
        </Modal>
      ) : null}
    </>
  );
}

function NewCampaignForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const form = useForm({ name: '', description: '' });
  const create = useMutation(
    trpc.campaigns.create.mutationOptions({
      onSuccess: async (c) => {
        await queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() });
        navigate(`/campaigns/${c.id}`);
      },
      onError: (error) => form.setErrors(errorInfo(error).fieldErrors),
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = CampaignCreateInput.safeParse(form.values);
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    create.mutate(parsed.data);
  };
  return (
    <form className="form-grid" onSubmit={onSubmit} noValidate data-testid="campaign-form">
      <ErrorAlert error={create.error} />
      <TextField {...form.text('name')} label={t('campaign.name')} required wide testId="campaign-name" />
      <TextAreaField {...form.text('description')} label={t('campaign.description')} rows={3} />
      <div className="form-actions">
        <CancelButton onCancel={onCancel}>{t('common.cancel')}</CancelButton>
        <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="campaign-save">
          {create.isPending ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}

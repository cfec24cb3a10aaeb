import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TicketCreateInput } from '@workmate/domain/schemas/service';
import { TICKET_PRIORITIES } from '@workmate/domain/service-sla';
import type { FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorInfo } from '../../lib/errors.ts';
import { CustomerPicker } from '../../pickers/customer-picker.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { SelectField, TextAreaField, TextField } from '../../ui/form-fields.tsx';
import { CancelButton } from '../../ui/modal.tsx';
import { useForm, zodFieldErrors } from '../../ui/use-form.ts';

/** A new ticket: customer, contact, subject, priority, description. Opens the ticket when saved. */
export function TicketForm({ onCancel }: { onCancel: () => void }) {
  const { t, tOr } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const form = useForm({ customerId: '', contactId: '', subject: '', priority: 'normal', description: '' });
  const contacts = useQuery({ ...trpc.crm.contacts.list.queryOptions({ customerId: form.values.customerId, pageSize: 200 }), enabled: Boolean(form.values.customerId) });
  const create = useMutation(
    trpc.service.tickets.create.mutationOptions({
      onSuccess: async (ticket) => {
        await queryClient.invalidateQueries({ queryKey: trpc.service.pathKey() });
        navigate(`/service/${ticket.id}`);
      },
      onError: (error) => form.setErrors(errorInfo(error).fieldErrors),
    }),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const v = form.values;
    const parsed = TicketCreateInput.safeParse({ ...v, customerId: v.customerId || undefined, contactId: v.contactId || null });
    if (!parsed.success) return form.setErrors(zodFieldErrors(parsed.error));
    create.mutate(parsed.data);
  };
  const contactOptions = (contacts.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.firstName} ${c.lastName}` }));
  return (
    <form className="form-grid" onSubmit={onSubmit} noValidate data-testid="ticket-form">
      <ErrorAlert error={create.error} />
      <CustomerPicker {...form.text('customerId')} label={t('service.customer')} required wide />
      <SelectField {...form.text('contactId')} label={t('service.contact')} options={contactOptions} emptyLabel={t('common.none')} testId="ticket-contact" />
      <TextField {...form.text('subject')} label={t('service.subject')} required wide testId="ticket-subject" />
      <SelectField {...form.text('priority')} label={t('service.priority')} options={enumOptions(TICKET_PRIORITIES, 'ticketPriority', tOr)} testId="ticket-priority" />
      <TextAreaField {...form.text('description')} label={t('service.description')} rows={4} />
      <div className="form-actions">
        <CancelButton onCancel={onCancel}>{t('common.cancel')}</CancelButton>
        <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="ticket-save">
          {create.isPending ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}

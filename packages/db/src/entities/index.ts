import { AutomationRule } from './automation-rule.ts';
import { AutomationRuleVersion } from './automation-rule-version.ts';
import { WebhookSubscription } from './webhook-subscription.ts';
import { Activity } from './activity.ts';
import { ApiToken } from './api-token.ts';
import { AuditLog } from './audit-log.ts';
import { BankEntry } from './bank-entry.ts';
import { BankStatement } from './bank-statement.ts';
import { ChatMessage } from './chat-message.ts';
import { ChatRead } from './chat-read.ts';
import { CompanySettings } from './company-settings.ts';
import { Contact } from './contact.ts';
import { Customer } from './customer.ts';
import { Department } from './department.ts';
import { Dashboard } from './dashboard.ts';
import { BaseRateRow } from './base-rate.ts';
import { DunningLevel } from './dunning-level.ts';
import { DunningNotice } from './dunning-notice.ts';
import { DunningSettings } from './dunning-settings.ts';
import { StoredDocument } from './document.ts';
import { DocumentVersion } from './document-version.ts';
import { Employee } from './employee.ts';
import { Expense } from './expense.ts';
import { Invoice } from './invoice.ts';
import { InvoiceLine } from './invoice-line.ts';
import { InvoiceSend } from './invoice-send.ts';
import { Notification } from './notification.ts';
import { Opportunity } from './opportunity.ts';
import { ServiceSettings } from './service-settings.ts';
import { Ticket } from './ticket.ts';
import { TicketReply } from './ticket-reply.ts';
import { TicketStatusChange } from './ticket-status-change.ts';
import { OutboxMessage } from './outbox-message.ts';
import { Payment } from './payment.ts';
import { Refund } from './refund.ts';
import { NumberCounter } from './number-counter.ts';
import { Project } from './project.ts';
import { RecurringInvoice } from './recurring-invoice.ts';
import { RecurringInvoicePeriod } from './recurring-invoice-period.ts';
import { ProjectMember } from './project-member.ts';
import { Reminder } from './reminder.ts';
import { Role } from './role.ts';
import { OidcLink } from './oidc-link.ts';
import { Session } from './session.ts';
import { Supplier } from './supplier.ts';
import { SupplierContact } from './supplier-contact.ts';
import { LedgerAccount } from './ledger-account.ts';
import { CostCentre } from './cost-centre.ts';
import { SupplierInvoice } from './supplier-invoice.ts';
import { SupplierInvoiceTaxRow } from './supplier-invoice-tax-row.ts';
import { SupplierPayment } from './supplier-payment.ts';
import { TimeEntry } from './time-entry.ts';
import { Campaign } from './campaign.ts';
import { CampaignMember } from './campaign-member.ts';
import { Mailing } from './mailing.ts';
import { MailingRecipient } from './mailing-recipient.ts';
import { MarketingConsent } from './marketing-consent.ts';

export const entities = [
  Activity,
  ApiToken,
  AuditLog,
  BankEntry,
  BankStatement,
  ChatMessage,
  ChatRead,
  CompanySettings,
  Contact,
  Customer,
  Dashboard,
  Department,
  DocumentVersion,
  Employee,
  Expense,
  Invoice,
  InvoiceLine,
  InvoiceSend,
  Notification,
  NumberCounter,
  OutboxMessage,
  Payment,
  Refund,
  Project,
  ProjectMember,
  RecurringInvoice,
  RecurringInvoicePeriod,
  Reminder,
  Role,
  Session,
  OidcLink,
  StoredDocument,
  Supplier,
  SupplierContact,
  Opportunity,
  Ticket,
  TicketStatusChange,
  TicketReply,
  ServiceSettings,
  LedgerAccount,
  CostCentre,
  SupplierInvoice,
  SupplierInvoiceTaxRow,
  SupplierPayment,
  TimeEntry,
  BaseRateRow,
  DunningLevel,
  DunningNotice,
  DunningSettings,
  WebhookSubscription,
  AutomationRule,
  AutomationRuleVersion,
  Campaign,
  CampaignMember,
  Mailing,
  MailingRecipient,
  MarketingConsent,
];

import { Activity } from './activity.ts';
import { ApiToken } from './api-token.ts';
import { AuditLog } from './audit-log.ts';
import { CompanySettings } from './company-settings.ts';
import { Contact } from './contact.ts';
import { Customer } from './customer.ts';
import { Department } from './department.ts';
import { Employee } from './employee.ts';
import { NumberCounter } from './number-counter.ts';
import { Project } from './project.ts';
import { Role } from './role.ts';
import { Session } from './session.ts';
import { TimeEntry } from './time-entry.ts';

export const entities = [Activity, ApiToken, AuditLog, CompanySettings, Contact, Customer, Department, Employee, NumberCounter, Project, Role, Session, TimeEntry];

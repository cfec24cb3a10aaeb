import { EMPLOYEE_STATUSES, EMPLOYMENT_TYPES, GENDERS, LANGUAGES } from '@workmate/domain/enums';
import { useI18n } from '../../i18n/i18n.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { CheckboxField, SelectField, TextAreaField, TextField, type Option } from '../../ui/form-fields.tsx';
import { Card } from '../../ui/page.tsx';
import type { useForm } from '../../ui/use-form.ts';
import type { EmployeeValues } from './employee-values.ts';

interface Props {
  form: ReturnType<typeof useForm<EmployeeValues>>;
  isNew: boolean;
  departments: Option[];
  roles: Option[];
  people: Option[];
}

export function EmployeeFields({ form, isNew, departments, roles, people }: Props) {
  const { t, tOr } = useI18n();
  const none = t('common.none');
  return (
    <>
      <Card title={t('employee.sectionPerson')}>
        <div className="form-grid">
          <TextField {...form.text('employeeCode')} label={t('employee.employeeCode')} required />
          <TextField {...form.text('firstName')} label={t('employee.firstName')} required />
          <TextField {...form.text('lastName')} label={t('employee.lastName')} required />
          <TextField {...form.text('email')} type="email" inputMode="email" label={t('employee.email')} required />
          <TextField {...form.text('phone')} type="tel" label={t('employee.phone')} />
          <SelectField {...form.text('gender')} label={t('employee.gender')} options={enumOptions(GENDERS, 'gender', tOr)} emptyLabel={none} />
          <TextField {...form.text('birthDate')} type="date" label={t('employee.birthDate')} />
          <TextField {...form.text('nationality')} label={t('employee.nationality')} />
          <TextAreaField {...form.text('bio')} label={t('employee.bio')} rows={3} />
        </div>
      </Card>
      <Card title={t('employee.sectionAddress')}>
        <div className="form-grid">
          <TextField {...form.text('addressStreet')} label={t('employee.addressStreet')} wide />
          <TextField {...form.text('addressZip')} label={t('employee.addressZip')} />
          <TextField {...form.text('addressCity')} label={t('employee.addressCity')} />
          <TextField {...form.text('addressCountry')} label={t('employee.addressCountry')} />
        </div>
      </Card>
      <Card title={t('employee.sectionWork')}>
        <div className="form-grid">
          <SelectField {...form.text('departmentId')} label={t('employee.departmentId')} options={departments} emptyLabel={none} />
          <SelectField {...form.text('roleId')} label={t('employee.roleId')} options={roles} emptyLabel={none} />
          <SelectField {...form.text('reportsToId')} label={t('employee.reportsToId')} options={people} emptyLabel={none} />
          <SelectField {...form.text('employmentType')} label={t('employee.employmentType')} options={enumOptions(EMPLOYMENT_TYPES, 'employmentType', tOr)} />
          <SelectField {...form.text('status')} label={t('employee.status')} options={enumOptions(EMPLOYEE_STATUSES, 'employeeStatus', tOr)} />
          <TextField {...form.text('hireDate')} type="date" label={t('employee.hireDate')} />
          <TextField {...form.text('terminationDate')} type="date" label={t('employee.terminationDate')} />
          <TextField {...form.text('defaultHourlyRate')} label={t('employee.defaultHourlyRate')} hint={t('employee.defaultHourlyRateHint')} inputMode="decimal" />
        </div>
      </Card>
      <Card title={t('employee.sectionAccount')}>
        <div className="form-grid">
          <SelectField {...form.text('language')} label={t('employee.language')} options={enumOptions(LANGUAGES, 'language', tOr)} />
          <TextField {...form.text('timezone')} label={t('employee.timezone')} />
          <TextField
            {...form.text('password')}
            type="password"
            autoComplete="new-password"
            label={isNew ? t('employee.password') : t('employee.newPassword')}
            hint={t('employee.passwordHint')}
          />
          <CheckboxField {...form.check('notificationsEnabled')} label={t('employee.notificationsEnabled')} />
        </div>
      </Card>
    </>
  );
}

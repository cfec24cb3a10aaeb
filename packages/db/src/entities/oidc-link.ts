import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from './common.ts';
import { Employee } from './employee.ts';

/**
 * An employee's identity at an OpenID provider (Keycloak, Zitadel): the provider's issuer and the
 * subject it names the person by. Made on the first OIDC sign-in, by the verified email; after
 * that the subject alone finds the employee, whatever their email becomes on either side.
 */
export const OidcLink = defineEntity({
  name: 'OidcLink',
  tableName: 'oidc_links',
  uniques: [
    { name: 'oidc_links_issuer_subject_unique', properties: ['issuer', 'subject'] },
    // One identity per employee and provider: a second one with the same email is refused.
    { name: 'oidc_links_employee_issuer_unique', properties: ['employee', 'issuer'] },
  ],
  properties: {
    id: idColumn(),
    employee: () => p.manyToOne(Employee).deleteRule('cascade'),
    issuer: p.string().length(500),
    subject: p.string().length(255),
    createdAt: createdAtColumn(),
  },
});
export type OidcLink = InferEntity<typeof OidcLink>;

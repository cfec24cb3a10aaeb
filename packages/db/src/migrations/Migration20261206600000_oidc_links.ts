import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in with OIDC (issue 18): the link of an employee to a subject at an OpenID provider, and
 * how each session was opened (the audit trail tells a password sign-in from an OIDC one).
 */
export class Migration20261206600000_oidc_links extends Migration {

  override name = 'Migration20261206600000_oidc_links';

  override up(): void | Promise<void> {
    this.addSql(`create table "oidc_links" ("id" uuid not null, "employee_id" uuid not null references "employees" ("id") on delete cascade, "issuer" varchar(500) not null, "subject" varchar(255) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "oidc_links" add constraint "oidc_links_issuer_subject_unique" unique ("issuer", "subject");`);
    this.addSql(`alter table "oidc_links" add constraint "oidc_links_employee_issuer_unique" unique ("employee_id", "issuer");`);
    this.addSql(`alter table "sessions" add column "method" text not null default 'password' check ("method" in ('password', 'oidc'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sessions" drop column if exists "method";`);
    this.addSql(`drop table if exists "oidc_links" cascade;`);
  }

}

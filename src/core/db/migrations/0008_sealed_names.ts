import type { Migration } from './index.ts';

/**
 * Names sealed at rest: persons' names, referrers' names and expert-group members' names hold
 * `enc1:` values like the other protected fields, and persons' names are found through keyed terms
 * of their normalised forms. Names already stored in plain text are sealed after the migrations, at
 * start-up (`sealPlaintextNames`), so the checks apply to every new write and leave old rows to it.
 */
export const sealedNames: Migration = {
  id: '0008_sealed_names',
  statements: [
    `create table person_name_terms (
      person_id uuid not null references persons(id) on delete cascade,
      term text not null,
      primary key (person_id, term)
    )`,
    `create index person_name_terms_term on person_name_terms(term)`,
    `alter table persons add constraint persons_name_sealed check (name is null or name like 'enc1:%') not valid`,
    `alter table referrals add constraint referrals_referrer_name_sealed check (referrer_name is null or referrer_name like 'enc1:%') not valid`,
    `alter table identification_experts add constraint identification_experts_member_name_sealed check (member_name like 'enc1:%') not valid`,
  ],
};

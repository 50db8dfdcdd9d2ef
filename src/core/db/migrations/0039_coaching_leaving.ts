import type { Migration } from './index.ts';

/**
 * A participant who leaves a group: the enrolment keeps its day and gains the last day in the group
 * (`left`), which frees the place; why they left is kept apart with its note sealed. A person on the
 * waiting list passed over by the automatic move, because an entry requirement is not met now, keeps
 * the requirement and the day (`passed_over`) so the coach sees why. The coach's task to tell a
 * person taken in from the waiting list is a task of its own kind.
 */
export const coachingLeaving: Migration = {
  id: '0039_coaching_leaving',
  statements: [
    `alter table coaching_enrolments drop constraint coaching_enrolments_status_check`,
    `alter table coaching_enrolments drop constraint coaching_enrolments_check`,
    `alter table coaching_enrolments add column left_on date, add column passed_over jsonb`,
    `alter table coaching_enrolments add constraint coaching_enrolments_status_check check (status in ('enrolled', 'waiting', 'left'))`,
    `alter table coaching_enrolments add constraint coaching_enrolments_enrolled_on_check check ((status <> 'waiting') = (enrolled_on is not null))`,
    `alter table coaching_enrolments add constraint coaching_enrolments_left_on_check check ((status = 'left') = (left_on is not null) and left_on >= enrolled_on)`,
    `create table coaching_leavings (
      id uuid primary key,
      group_id uuid not null,
      participant_id uuid not null,
      reason text not null check (reason in ('work', 'studies', 'health', 'moved', 'other')),
      note text check (note like 'enc1:%'),
      recorded_by uuid references accounts(id),
      recorded_at timestamptz not null default now(),
      unique (group_id, participant_id),
      foreign key (group_id, participant_id) references coaching_enrolments(group_id, participant_id)
    )`,
    `alter table coaching_tasks drop constraint coaching_tasks_kind_check`,
    `alter table coaching_tasks add constraint coaching_tasks_kind_check check (kind in ('absences', 'follow_up', 'waiting_list'))`,
  ],
};

import type { Migration } from './index.ts';

/**
 * Which of a client's tasks are the path to work's reminders, and of what: a later progress reading
 * or a plan's revision closes the reminder it answers. Task titles are sealed, so the link is kept
 * apart; reminders made before it have none and stay for the worker to mark done.
 */
export const pathwayReminders: Migration = {
  id: '0037_pathway_reminders',
  statements: [
    `create table pathway_reminders (
      task_id uuid primary key references client_tasks(id),
      person_id uuid not null references persons(id),
      kind text not null check (kind in ('plan_review', 'progress_reading', 'fair_work')),
      subject_id uuid
    )`,
    `create index pathway_reminders_person on pathway_reminders(person_id, kind)`,
  ],
};

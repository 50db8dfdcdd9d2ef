import type { Migration } from './index.ts';

/**
 * A coaching group's schedule: its half-day sessions, generated from the programme's plan on the
 * programme's weekdays, Finnish public holidays skipped. A session can be moved; the day it was
 * planned for is kept beside the day it is on.
 */
export const coachingSchedule: Migration = {
  id: '0013_coaching_schedule',
  statements: [
    `create table coaching_sessions (
      id uuid primary key,
      group_id uuid not null references coaching_groups(id),
      number integer not null check (number >= 1),
      content_type text not null,
      on_day date not null,
      planned_day date not null,
      starts_at text not null,
      minutes integer not null check (minutes between 30 and 480),
      teacher text,
      place text,
      unique (group_id, number)
    )`,
    `create index coaching_sessions_group_day on coaching_sessions(group_id, on_day)`,
  ],
};

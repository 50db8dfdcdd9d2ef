import type { Migration } from './index.ts';

/**
 * The register: the path of each person through the assistance system, as in the exchange format.
 * Lines without ids of their own are unique by their natural key, so importing twice changes nothing.
 */
export const register: Migration = {
  id: '0002_register',
  statements: [
    `create table referrals (
      id uuid primary key default gen_random_uuid(),
      register_id text not null unique,
      person_id uuid not null references persons(id),
      received_at timestamptz not null,
      source text not null,
      consent_at timestamptz not null
    )`,
    `create index referrals_person on referrals(person_id)`,
    `create table decisions (
      id uuid primary key default gen_random_uuid(),
      register_id text not null unique,
      referral_id uuid not null unique references referrals(id),
      decided_at timestamptz not null,
      outcome text not null
    )`,
    `create table withdrawals (
      referral_id uuid primary key references referrals(id),
      at timestamptz not null
    )`,
    `create table exploitations (
      person_id uuid not null references persons(id),
      purpose text not null,
      place text,
      main boolean not null,
      minor_at_time boolean not null,
      unique nulls not distinct (person_id, purpose, place)
    )`,
    `create unique index exploitations_one_main on exploitations(person_id) where main`,
    `create table residence_statuses (
      person_id uuid not null references persons(id),
      status text not null,
      at date not null,
      primary key (person_id, at)
    )`,
    `create table children (
      id uuid primary key default gen_random_uuid(),
      register_id text not null unique,
      guardian_id uuid not null references persons(id),
      birth_date date not null,
      from_date date not null
    )`,
    `create table terminations (
      person_id uuid not null references persons(id),
      at timestamptz not null,
      reason text not null,
      primary key (person_id, at)
    )`,
    `create table reflection_periods (
      person_id uuid not null references persons(id),
      granted_by text not null,
      start_date date not null,
      end_date date not null,
      primary key (person_id, start_date)
    )`,
    `create table identifications (
      person_id uuid not null references persons(id),
      requested_at timestamptz not null,
      started_at timestamptz,
      decided_at timestamptz,
      outcome text,
      primary key (person_id, requested_at)
    )`,
  ],
};

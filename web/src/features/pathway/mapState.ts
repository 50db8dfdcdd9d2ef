import type { ClientPathway } from './pathwayRecord.ts';

/** Where a step of the map stands for this person. */
export type StepState = 'done' | 'under_way' | 'waiting' | 'not_needed' | 'not_known';

export interface MapStep {
  id: 'statutory' | 'mental_state' | 'literacy' | 'language' | 'client_plan' | 'integration_plan' | 'services' | 'desired';
  state: StepState;
  /** Where its details are: the record's section or the pathway page's. */
  href: string;
}

const latest = (record: ClientPathway, kind: string) => record.pathwayCheckpoints?.find((checkpoint) => checkpoint.kind === kind);
const workingLevels = ['B1', 'B2', 'C1', 'C2'];

function planState(record: ClientPathway, kind: string): StepState {
  if (!record.pathwayPlans) return 'not_known';
  const plan = record.pathwayPlans.find((candidate) => candidate.kind === kind);
  if (!plan) return 'waiting';
  const goals = plan.goals ?? [];
  return goals.length > 0 && goals.every((goal) => goal.status !== 'active' && goal.status !== 'on_hold') ? 'done' : 'under_way';
}

/**
 * The seed's map drawn for one person: each step's state read from what the record holds. A step
 * whose field group this reader may not see is "not known to you", never guessed.
 */
export function mapSteps(record: ClientPathway): MapStep[] {
  const base = `/clients/${record.id}`;
  const statutory: StepState = !record.services
    ? 'not_known'
    : record.services.length === 0
      ? 'waiting'
      : record.services.every((service) => service.endedOn)
        ? 'done'
        : 'under_way';
  const checkpoint = (kind: string, done: (level: string) => boolean, notNeeded?: (level: string) => boolean): StepState => {
    if (!record.pathwayCheckpoints) return 'not_known';
    const found = latest(record, kind);
    if (!found) return 'waiting';
    if (notNeeded?.(found.level!)) return 'not_needed';
    return done(found.level!) ? 'done' : 'under_way';
  };
  const services: StepState = !record.pathwayServices
    ? 'not_known'
    : record.pathwayServices.some((service) => service.status === 'completed')
      ? 'done'
      : record.pathwayServices.some((service) => service.status === 'referred' || service.status === 'started')
        ? 'under_way'
        : 'waiting';
  const progress = record.pathwayProgress;
  const last = progress?.[progress.length - 1]?.scores ?? {};
  const desired: StepState = !progress
    ? 'not_known'
    : progress.length === 0
      ? 'waiting'
      : ['work_skills', 'support_network', 'confidence'].every((area) => (last[area] ?? 0) >= 9)
        ? 'done'
        : 'under_way';
  return [
    { id: 'statutory', state: statutory, href: `${base}#case` },
    { id: 'mental_state', state: checkpoint('mental_state', (level) => level === 'ready'), href: `${base}/pathway#checkpoints-heading` },
    {
      id: 'literacy',
      state: checkpoint(
        'literacy',
        (level) => level === 'latin_alphabet',
        (level) => level === 'functional',
      ),
      href: `${base}/pathway#checkpoints-heading`,
    },
    {
      id: 'language',
      state: checkpoint('language', (level) => workingLevels.includes(level)),
      href: `${base}/pathway#checkpoints-heading`,
    },
    { id: 'client_plan', state: planState(record, 'client'), href: `${base}/pathway#plans-heading` },
    { id: 'integration_plan', state: planState(record, 'integration'), href: `${base}/pathway#plans-heading` },
    { id: 'services', state: services, href: `${base}/pathway#pathway-services-heading` },
    { id: 'desired', state: desired, href: `${base}/pathway#progress-heading` },
  ];
}

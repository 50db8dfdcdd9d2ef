import { exploitationPurposes, referralSources, residenceStatuses, terminationReasons } from '../../core/codes.ts';
import { addMonths, helsinkiTime } from '../../core/dates.ts';

/** A small seeded generator (mulberry32): the same seed gives the same register. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const weighted = <T extends string>(weights: Partial<Record<T, number>>): T => {
    const entries = Object.entries(weights) as Array<[T, number]>;
    let roll = next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [value, weight] of entries) if ((roll -= weight) < 0) return value;
    return entries[entries.length - 1][0];
  };
  return { next, between, weighted, chance: (p: number) => next() < p };
}

// Shares loosely after the assistance system's 2020 statistics (seed 003).
const sourceWeights: Partial<Record<(typeof referralSources)[number], number>> = {
  reception_centre: 88,
  self: 70,
  immigration_service: 63,
  lawyer: 49,
  victim_support: 46,
  police: 25,
  municipal_social_worker: 17,
  shelter: 14,
  ngo: 10,
  prison: 3,
  parish: 2,
  border_guard: 2,
  child_protection: 1,
  detention_unit: 1,
  health_care: 2,
  employment_office: 2,
  other: 3,
};
const purposeWeights: Partial<Record<(typeof exploitationPurposes)[number], number>> = {
  forced_labour: 130,
  sexual_exploitation: 60,
  forced_criminality: 12,
  forced_marriage: 15,
  benefit_fraud: 8,
  forced_begging: 3,
  organ_trafficking: 1,
  child_soldier: 1,
  other: 7,
  witness: 10,
};
const nationalityWeights = {
  NG: 30,
  VN: 18,
  IQ: 16,
  SO: 12,
  AF: 14,
  UA: 10,
  RU: 8,
  TH: 12,
  PH: 6,
  CN: 7,
  EE: 4,
  RO: 5,
  BG: 4,
  MA: 5,
  TR: 6,
  SY: 6,
  ER: 4,
  CM: 3,
  GH: 3,
  BD: 4,
  LK: 2,
  NP: 2,
  PK: 4,
  IR: 5,
  UZ: 2,
  stateless: 2,
  unknown: 3,
};
const residenceWeights: Partial<Record<(typeof residenceStatuses)[number], number>> = {
  asylum_seeker: 45,
  residence_permit: 30,
  unlawful_stay: 12,
  finnish_citizen: 3,
  visa_exempt: 4,
  eu_citizen: 6,
};
const terminationWeights: Partial<Record<(typeof terminationReasons)[number], number>> = {
  no_longer_needed: 50,
  safe_return: 8,
  not_identified: 3,
  moved_abroad: 12,
  contact_lost: 20,
  deceased: 1,
  other: 6,
};

const DAY = 86_400_000;
const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * A realistic, invented register in the exchange format for demos, tests and benchmarks:
 * referrals spread over the years, decisions, exploitation, residence, children, reflection periods,
 * official identification and terminations, all consistent with the format's rules.
 */
export function* demoRegisterLines(options: { clients: number; fromYear: number; toYear: number; seed: number }): Generator<string> {
  const random = randomSource(options.seed);
  const start = Date.UTC(options.fromYear, 0, 1, 6);
  const end = Date.UTC(options.toYear, 11, 31, 12);
  const line = (value: Record<string, unknown>) => JSON.stringify(value);
  let referralNumber = 0;
  for (let index = 1; index <= options.clients; index++) {
    const personId = `p${index}`;
    const receivedAt = start + Math.floor(random.next() * (end - start));
    const ageYears = random.chance(0.08) ? random.between(14, 17) : Math.min(78, 18 + Math.floor(-Math.log(1 - random.next()) * 12));
    const birthDate = isoDate(receivedAt - ageYears * 365.25 * DAY - random.between(0, 364) * DAY);
    const gender = random.weighted({ female: 55, male: 43, other: 1, unknown: 1 });
    yield line({ type: 'person', id: personId, gender, birthDate, nationality: random.weighted(nationalityWeights) });

    const referrals = random.chance(0.08) ? 2 : 1;
    let admittedAt: number | null = null;
    for (let n = 0; n < referrals; n++) {
      const referralId = `r${++referralNumber}`;
      const received = Math.min(end, receivedAt + n * random.between(30, 400) * DAY);
      yield line({
        type: 'referral',
        id: referralId,
        personId,
        receivedAt: helsinkiTime(new Date(received)),
        source: random.weighted(sourceWeights),
        consentAt: helsinkiTime(new Date(received - random.between(0, 90) * 60_000)),
      });
      const decided = received + random.between(2, 60) * DAY;
      const fate = admittedAt === null ? random.weighted({ admitted: 62, rejected: 27, withdrawn: 3, pending: 8 }) : 'rejected';
      if (fate === 'pending' || decided > end) continue;
      if (fate === 'withdrawn') {
        yield line({ type: 'withdrawal', referralId, at: helsinkiTime(new Date(decided)) });
        continue;
      }
      yield line({ type: 'decision', id: `d${referralNumber}`, referralId, decidedAt: helsinkiTime(new Date(decided)), outcome: fate });
      if (fate === 'admitted') admittedAt = decided;
    }
    if (admittedAt === null) continue;

    const purpose = random.weighted(purposeWeights);
    const place = purpose === 'witness' ? null : random.chance(0.6) ? 'finland' : 'abroad';
    yield line({ type: 'exploitation', personId, purpose, place, main: true, minorAtTime: ageYears < 18 || random.chance(0.05) });
    if (purpose !== 'witness' && random.chance(0.15)) {
      const other = purpose === 'forced_labour' ? 'sexual_exploitation' : 'forced_labour';
      yield line({
        type: 'exploitation',
        personId,
        purpose: other,
        place: place === 'finland' ? 'abroad' : 'finland',
        main: false,
        minorAtTime: false,
      });
    }
    const status = random.weighted(residenceWeights);
    yield line({ type: 'residence', personId, status, at: isoDate(receivedAt - random.between(10, 400) * DAY) });
    if (random.chance(0.15))
      yield line({ type: 'residence', personId, status: 'residence_permit', at: isoDate(admittedAt + random.between(30, 500) * DAY) });
    if (random.chance(0.2)) {
      for (let child = 1; child <= random.between(1, 3); child++) {
        yield line({
          type: 'child',
          id: `c${index}-${child}`,
          guardianId: personId,
          birthDate: isoDate(admittedAt - random.between(30, 17 * 365) * DAY),
          from: isoDate(admittedAt),
        });
      }
    }
    if (status === 'unlawful_stay' && random.chance(0.5)) {
      const startDate = isoDate(admittedAt);
      yield line({
        type: 'reflection_period',
        personId,
        grantedBy: random.chance(0.95) ? 'assistance_system' : 'police',
        start: startDate,
        end: addMonths(startDate, random.between(3, 6)),
      });
    }
    if (random.chance(0.12)) {
      const requested = admittedAt + random.between(10, 200) * DAY;
      const started = requested + random.between(30, 300) * DAY;
      const decided = started + random.between(20, 120) * DAY;
      yield line({
        type: 'identification',
        personId,
        requestedAt: helsinkiTime(new Date(requested)),
        ...(started < end ? { startedAt: helsinkiTime(new Date(started)) } : {}),
        ...(started < end && decided < end
          ? { decidedAt: helsinkiTime(new Date(decided)), outcome: random.chance(0.9) ? 'identified' : 'not_identified' }
          : {}),
      });
    }
    const terminated = admittedAt + random.between(60, 1500) * DAY;
    if (terminated < end && random.chance(0.6))
      yield line({ type: 'termination', personId, at: helsinkiTime(new Date(terminated)), reason: random.weighted(terminationWeights) });
  }
}

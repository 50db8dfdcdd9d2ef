import type { meansOfControl } from '../../core/codes.ts';

/**
 * The recognition guide's warning signs (the guide for social-care professionals), each with the ILO
 * forced-labour indicators and the Human Trafficking Case Data Standard's means of control it can
 * point to. Their words are in `recognition.signs.<id>`, `recognition.ilo.<id>` and `recognition.htcds.<id>`.
 * A sign only says "look into this further": the professional does not need to know whether it is trafficking.
 */

/** The ILO's eleven indicators of forced labour. */
export const iloIndicators = [
  'abuse_of_vulnerability',
  'deception',
  'restriction_of_movement',
  'isolation',
  'physical_sexual_violence',
  'intimidation_threats',
  'retention_of_documents',
  'withholding_of_wages',
  'debt_bondage',
  'abusive_conditions',
  'excessive_overtime',
] as const;
export type IloIndicator = (typeof iloIndicators)[number];
export type MeansOfControl = (typeof meansOfControl)[number];

export interface WarningSign {
  id: string;
  ilo: readonly IloIndicator[];
  htcds: readonly MeansOfControl[];
}

export const warningSigns = [
  {
    id: 'always_escorted',
    ilo: ['isolation', 'restriction_of_movement', 'intimidation_threats'],
    htcds: ['restricts_movement', 'psychological_abuse'],
  },
  {
    id: 'documents_or_money_controlled',
    ilo: ['retention_of_documents', 'withholding_of_wages', 'debt_bondage'],
    htcds: ['withholds_documents', 'takes_earnings', 'debt_bondage'],
  },
  { id: 'missed_appointments', ilo: ['restriction_of_movement', 'isolation'], htcds: ['restricts_movement'] },
  { id: 'nervousness', ilo: ['intimidation_threats', 'abuse_of_vulnerability'], htcds: ['threats_of_harm', 'psychological_abuse'] },
  { id: 'unclear_overall_picture', ilo: ['deception', 'isolation'], htcds: ['false_promises'] },
  { id: 'clothing_unsuited_to_weather', ilo: ['abusive_conditions', 'withholding_of_wages'], htcds: ['withholds_necessities'] },
  {
    id: 'unclear_debts_or_money',
    ilo: ['debt_bondage', 'withholding_of_wages', 'deception'],
    htcds: ['debt_bondage', 'takes_earnings', 'false_promises'],
  },
  {
    id: 'several_concern_notifications',
    ilo: ['abuse_of_vulnerability', 'physical_sexual_violence'],
    htcds: ['physical_abuse', 'sexual_abuse', 'psychological_abuse'],
  },
  { id: 'repeated_moves', ilo: ['restriction_of_movement', 'isolation'], htcds: ['restricts_movement'] },
  { id: 'contradictions_in_story', ilo: ['deception', 'intimidation_threats'], htcds: ['threats_of_harm', 'threat_of_authorities'] },
  {
    id: 'unaware_of_own_situation',
    ilo: ['deception', 'abuse_of_vulnerability', 'isolation'],
    htcds: ['false_promises', 'psychological_abuse'],
  },
] as const satisfies readonly WarningSign[];

export type WarningSignId = (typeof warningSigns)[number]['id'];
export const warningSignIds = warningSigns.map((sign) => sign.id) as WarningSignId[];

export const signAnswers = ['yes', 'maybe', 'no'] as const;
export type SignAnswer = (typeof signAnswers)[number];

/**
 * Whether the answers call for looking into the situation further: one sign answered yes, or two
 * answered maybe. It never says whether someone is a victim; unanswered signs count as nothing.
 */
export function lookIntoFurther(answers: Record<string, SignAnswer>): boolean {
  const given = Object.values(answers);
  return given.includes('yes') || given.filter((answer) => answer === 'maybe').length >= 2;
}

import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../core/audit/audit.ts';
import { actorTypes, regions } from '../../core/codes.ts';
import { protectedContext } from '../../core/crypto/protectedColumns.ts';
import { helsinkiDate } from '../../core/dates.ts';
import { AppError } from '../../core/errors.ts';
import { textProblem } from '../../core/textRules.ts';
import type { AppContext } from '../../server/context.ts';
import { limitAttempts } from '../auth/index.ts';
import { publicLanguages } from '../referrals/index.ts';
import type { GuideConsultationInput } from './schema.ts';
import { signAnswers, warningSignIds } from './warningSigns.ts';

const oneOf = (codes: readonly string[], value: unknown) => typeof value === 'string' && codes.includes(value);
const textWithin = (value: unknown, min: number, max: number) =>
  typeof value === 'string' && value.trim().length >= min && value.length <= max;

/**
 * The guide's schema, checked again here: a page that posts a plain form (no JavaScript) calls this
 * without the API route's validation, and nothing wrong may be stored either way.
 */
function problemsOf(input: GuideConsultationInput): Array<{ field: string; problem: string }> {
  const problems: Array<{ field: string; problem: string }> = [];
  if (!oneOf(actorTypes, input.actorType)) problems.push({ field: 'actorType', problem: 'enum' });
  if (!oneOf(regions, input.region)) problems.push({ field: 'region', problem: 'enum' });
  if (!oneOf(publicLanguages, input.language)) problems.push({ field: 'language', problem: 'enum' });
  if (input.organisation !== undefined && !textWithin(input.organisation, 0, 200))
    problems.push({ field: 'organisation', problem: 'maxLength' });
  if (!textWithin(input.question, 1, 4000)) problems.push({ field: 'question', problem: input.question ? 'maxLength' : 'required' });
  if (!textWithin(input.contact, 1, 300)) problems.push({ field: 'contact', problem: input.contact ? 'maxLength' : 'required' });
  const signs = input.signs && typeof input.signs === 'object' ? Object.entries(input.signs) : [];
  for (const [sign, answer] of signs)
    if (!oneOf(warningSignIds, sign) || !oneOf(signAnswers, answer)) problems.push({ field: `signs.${sign}`, problem: 'enum' });
  for (const field of ['organisation', 'question', 'contact'] as const) {
    const value = input[field];
    const problem = typeof value === 'string' ? textProblem(value) : null;
    if (problem) problems.push({ field, problem });
  }
  return problems;
}

/** Refuses a guide consultation from an address that has sent ten in the last hour, whichever door it came through. */
export function checkGuideConsultationLimit(ctx: AppContext, address: string): Promise<void> {
  return limitAttempts(ctx, 'guide_consultation', address, 10);
}

/**
 * An anonymous consultation from the public recognition guide: it waits in the consultations list
 * to be answered. The professional's question and contact are sealed; the person they are asking
 * about is never named (the guide has no field for it). Nothing identifying the sender is logged.
 */
export async function receiveGuideConsultation(ctx: AppContext, input: GuideConsultationInput): Promise<void> {
  const problems = problemsOf(input);
  if (problems.length > 0) throw new AppError(400, 'validation_failed', {}, problems);
  const id = randomUUID();
  const seal = (column: string, value: string) => ctx.cipher.encrypt(value.trim(), protectedContext('consultations', column, id));
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('consultations')
      .values({
        id,
        held_on: helsinkiDate(new Date()),
        channel: 'guide',
        actor_type: input.actorType,
        organisation: input.organisation?.trim() || null,
        region: input.region,
        signs: JSON.stringify(input.signs),
        question: seal('question', input.question),
        contact: seal('contact', input.contact),
        language: input.language,
        status: 'waiting',
      })
      .execute();
    await appendAudit(trx, ctx.keyring.auditKey, {
      actorId: null,
      actorRole: 'public',
      ip: null,
      action: 'consultations.receive',
      outcome: 'succeeded',
      details: { consultation: id, channel: 'guide' },
    });
  });
}

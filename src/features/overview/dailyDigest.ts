import nodemailer from 'nodemailer';
import { appendAudit } from '../../core/audit/audit.ts';
import { helsinkiDate, helsinkiTime } from '../../core/dates.ts';
import { isLanguage, translate, type Language } from '../../core/i18n/i18n.ts';
import { actorOf } from '../../core/policy/actorOf.ts';
import type { AppContext } from '../../server/context.ts';
import { overviewFor } from './service.ts';

/** Who gets the digest: the staff responsible for clients' casework, and the director. */
const RECIPIENT_ROLES = ['director', 'caseworker'] as const;

export interface Mailer {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

export const smtpMailer = (smtpUrl: string): Mailer => nodemailer.createTransport(smtpUrl);

/** The counts a digest tells, each in the recipient's own scope (the home page's counts). */
interface DigestCounts {
  reflection7: number;
  reflection14: number;
  reflection30: number;
  overdueTasks: number;
  identificationWaiting: number;
}

/**
 * Sends today's digest to everyone it has not reached yet. Each recipient is claimed in the database
 * before their mail is sent, so however many app servers ask, nobody is mailed twice in a day; a
 * mail the SMTP server refused is unclaimed and tried again on the next round. (A server that stops
 * between the claim and the send leaves that one person without the day's mail rather than risk two.)
 * Each recipient hears, in their own language, only how many items wait for them and where to look —
 * never a name or anything else about a client. Returns how many were sent by this call.
 */
export async function sendDailyDigest(ctx: AppContext, mailer: Mailer, now = new Date()): Promise<number> {
  const mail = ctx.config.mail;
  if (!mail) return 0;
  const day = helsinkiDate(now);
  const accounts = await ctx.db
    .selectFrom('accounts')
    .selectAll()
    .where('role', 'in', RECIPIENT_ROLES)
    .where('disabled_at', 'is', null)
    .where('awaits_confirmation', '=', false)
    .where('username', 'like', '%@%')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('digest_sends').select('account_id').where('day', '=', day).whereRef('account_id', '=', 'accounts.id'))),
    )
    .orderBy('username')
    .execute();
  let sent = 0;
  let failure: unknown = null;
  for (const account of accounts) {
    // Claimed even when nothing waits: the day's digest for this person is then done.
    const claimed = await ctx.db
      .insertInto('digest_sends')
      .values({ day, account_id: account.id })
      .onConflict((oc) => oc.columns(['day', 'account_id']).doNothing())
      .returning('account_id')
      .executeTakeFirst();
    if (!claimed) continue;
    const overview = await overviewFor(ctx, actorOf(account));
    const counts: DigestCounts = {
      reflection7: overview.reflectionEnding?.within7Days ?? 0,
      reflection14: overview.reflectionEnding?.within14Days ?? 0,
      reflection30: overview.reflectionEnding?.within30Days ?? 0,
      overdueTasks: overview.tasks?.overdue ?? 0,
      identificationWaiting: overview.identificationWaiting ?? 0,
    };
    if (Object.values(counts).every((count) => count === 0)) continue;
    const language: Language = isLanguage(account.language) ? account.language : 'fi';
    try {
      await mailer.sendMail({ from: mail.from, to: account.username, ...digestMessage(language, counts, ctx.config.publicOrigin) });
      sent++;
    } catch (error) {
      await ctx.db.deleteFrom('digest_sends').where('day', '=', day).where('account_id', '=', account.id).execute();
      failure ??= error;
    }
  }
  if (sent > 0)
    await appendAudit(ctx.db, ctx.keyring.auditKey, {
      actorRole: 'system',
      action: 'overview.digest_sent',
      outcome: 'succeeded',
      details: { day, recipients: sent },
    });
  // The others were still tried; the caller hears of the refusal (the server logs it) and the next round retries.
  if (failure) throw failure;
  return sent;
}

function digestMessage(language: Language, counts: DigestCounts, link: string) {
  const t = (key: string, params: Record<string, unknown> = {}) => translate(language, `mail.digest.${key}`, params);
  const total = counts.reflection30 + counts.overdueTasks + counts.identificationWaiting;
  const lines = [
    t('greeting'),
    '',
    ...(counts.reflection30 > 0
      ? [t('reflection', { within30: counts.reflection30, within14: counts.reflection14, within7: counts.reflection7 })]
      : []),
    ...(counts.overdueTasks > 0 ? [t('overdueTasks', { count: counts.overdueTasks })] : []),
    ...(counts.identificationWaiting > 0 ? [t('identificationWaiting', { count: counts.identificationWaiting })] : []),
    '',
    t('link', { link }),
    '',
    t('why'),
  ];
  return { subject: t('subject', { count: total }), text: lines.join('\n') };
}

/**
 * In the server: from the configured hour (Helsinki time) each day, every server checks every few
 * minutes for recipients the day's digest has not reached; the claims in the database decide who sends.
 */
export function scheduleDailyDigest(ctx: AppContext, onFailure: (error: unknown) => void): () => void {
  const mail = ctx.config.mail;
  if (!mail) return () => {};
  const mailer = smtpMailer(mail.smtpUrl);
  const tick = () => {
    const hour = Number(helsinkiTime(new Date()).slice(11, 13));
    if (hour >= mail.digestHour) sendDailyDigest(ctx, mailer).catch(onFailure);
  };
  const timer = setInterval(tick, 5 * 60_000);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}

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
 * Sends today's digest, once a day across every app server: the server that claims the day in
 * the database sends it (at most once: a server that stops mid-way leaves the rest of that day
 * unsent rather than risk sending twice). Each recipient hears, in their own language, only how
 * many items wait for them and where to look — never a name or anything else about a client.
 * Returns how many were sent, or null when the day's digest was already claimed.
 */
export async function sendDailyDigest(ctx: AppContext, mailer: Mailer, now = new Date()): Promise<number | null> {
  const mail = ctx.config.mail;
  if (!mail) return null;
  const day = helsinkiDate(now);
  const claimed = await ctx.db
    .insertInto('digest_days')
    .values({ day, recipients: null })
    .onConflict((oc) => oc.column('day').doNothing())
    .returning('day')
    .executeTakeFirst();
  if (!claimed) return null;
  const accounts = await ctx.db
    .selectFrom('accounts')
    .selectAll()
    .where('role', 'in', RECIPIENT_ROLES)
    .where('disabled_at', 'is', null)
    .where('awaits_confirmation', '=', false)
    .where('username', 'like', '%@%')
    .orderBy('username')
    .execute();
  let sent = 0;
  for (const account of accounts) {
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
    await mailer.sendMail({ from: mail.from, to: account.username, ...digestMessage(language, counts, ctx.config.publicOrigin) });
    sent++;
  }
  await ctx.db.updateTable('digest_days').set({ recipients: sent }).where('day', '=', day).execute();
  await appendAudit(ctx.db, ctx.keyring.auditKey, {
    actorRole: 'system',
    action: 'overview.digest_sent',
    outcome: 'succeeded',
    details: { day, recipients: sent },
  });
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
 * In the server: from the configured hour (Helsinki time) each day, one server sends the digest;
 * every server checks every few minutes, and the day's row in the database decides which sends.
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

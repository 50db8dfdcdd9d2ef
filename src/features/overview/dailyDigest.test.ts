import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { addDays, helsinkiDate } from '../../core/dates.ts';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { makeAccount, makeClient, type TestAccount } from '../../../test/support/factories.ts';
import { sendDailyDigest } from './index.ts';
import { smtpMailer } from './dailyDigest.ts';

// A real SMTP server on loopback: what arrives is what a mail server would get.
interface Arrived {
  to: string[];
  raw: string;
}
let ctx: TestContext;
let smtp: SMTPServer;
let url: string;
const arrived: Arrived[] = [];
/** Recipients the SMTP server refuses, as a full mailbox or a server in trouble would. */
const refuse = new Set<string>();
let caseworker: TestAccount;
let director: TestAccount;
let idle: TestAccount;
const clientName = 'Digestina Secretsdottir';

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, session, callback) {
      callback(refuse.has(address.address) ? Object.assign(new Error('Mailbox unavailable'), { responseCode: 450 }) : undefined);
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        arrived.push({ to: session.envelope.rcptTo.map((recipient) => recipient.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  ctx = await createTestContext();
  ctx.config.mail = { smtpUrl: url, from: 'Polku <polku@test.polku>', digestHour: 7 };
  caseworker = await makeAccount(ctx, 'caseworker');
  director = await makeAccount(ctx, 'director');
  idle = await makeAccount(ctx, 'caseworker');
  await ctx.db.updateTable('accounts').set({ language: 'sv' }).where('id', '=', director.id).execute();
  await ctx.db.updateTable('accounts').set({ language: 'fi' }).where('id', '=', caseworker.id).execute();
  await ctx.db.updateTable('accounts').set({ language: 'en' }).where('id', '=', idle.id).execute();
  // The caseworker's client: a reflection period ending in five days and a task three days overdue.
  const client = await makeClient(ctx, caseworker, { name: clientName });
  const today = helsinkiDate();
  await ctx.db
    .insertInto('reflection_periods')
    .values({ person_id: client.id, granted_by: 'assistance_system', start_date: addDays(today, -60), end_date: addDays(today, 5) })
    .execute();
  await ctx.db
    .insertInto('client_tasks')
    .values({
      id: crypto.randomUUID(),
      person_id: client.id,
      title: `Call ${clientName}`,
      due_on: addDays(today, -3),
      assignee_id: caseworker.id,
    })
    .execute();
});

afterAll(async () => {
  await ctx.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** The text of a message as a reader sees it (quoted-printable undone). */
const readable = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
const utf8 = (text: string) => Buffer.from(text, 'latin1').toString('utf8');

describe('the daily e-mail digest', () => {
  it('tells each responsible worker and the director, in their language, only how many items wait, with a link', async () => {
    expect(await sendDailyDigest(ctx, smtpMailer(url))).toBe(2);
    const toCaseworker = arrived.find((mail) => mail.to.includes(caseworker.username))!;
    const toDirector = arrived.find((mail) => mail.to.includes(director.username))!;
    expect(
      arrived
        .map((mail) => mail.to)
        .flat()
        .sort(),
    ).toEqual([caseworker.username, director.username].sort());

    const finnish = utf8(readable(toCaseworker.raw));
    expect(finnish).toContain('Harkinta-aikoja päättymässä: 30 päivän sisällä 1, joista 14 päivän sisällä 1 ja 7 päivän sisällä 1.');
    expect(finnish).toContain('Myöhässä olevia tehtäviä: 1.');
    expect(finnish).toContain('http://localhost:3000');

    const swedish = utf8(readable(toDirector.raw));
    expect(swedish).toContain('Betänketider som löper ut: inom 30 dagar 1');
    expect(swedish).not.toContain('Försenade uppgifter'); // the task is the caseworker's, not the director's

    // No client data in any e-mail: not the name, not the task's title.
    for (const mail of arrived) {
      const text = utf8(readable(mail.raw));
      expect(text).not.toContain('Digestina');
      expect(text).not.toContain('Secretsdottir');
      expect(text).not.toContain('Call ');
    }
  });

  it('is sent once a day to each, however many servers ask', async () => {
    const before = arrived.length;
    expect(await Promise.all([sendDailyDigest(ctx, smtpMailer(url)), sendDailyDigest(ctx, smtpMailer(url))])).toEqual([0, 0]);
    expect(arrived.length).toBe(before);
    // The next day is a new digest: two servers asking at once send it to each recipient once.
    const tomorrow = new Date(Date.now() + 24 * 60 * 60_000);
    const sent = await Promise.all([sendDailyDigest(ctx, smtpMailer(url), tomorrow), sendDailyDigest(ctx, smtpMailer(url), tomorrow)]);
    expect(sent[0] + sent[1]).toBe(2);
    expect(
      arrived
        .slice(before)
        .flatMap((mail) => mail.to)
        .sort(),
    ).toEqual([caseworker.username, director.username].sort());
  });

  it('tries a refused mail again on the next round, and only that one', async () => {
    const before = arrived.length;
    const dayAfter = new Date(Date.now() + 2 * 24 * 60 * 60_000);
    refuse.add(director.username);
    await expect(sendDailyDigest(ctx, smtpMailer(url), dayAfter)).rejects.toThrow();
    expect(arrived.slice(before).flatMap((mail) => mail.to)).toEqual([caseworker.username]);
    refuse.clear();
    expect(await sendDailyDigest(ctx, smtpMailer(url), dayAfter)).toBe(1);
    expect(arrived.slice(before).flatMap((mail) => mail.to)).toEqual([caseworker.username, director.username]);
  });
});

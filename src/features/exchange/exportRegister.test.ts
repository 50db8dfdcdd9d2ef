import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/support/testContext.ts';
import { demoRegisterLines } from './demoRegister.ts';
import { writeRegister } from './exportRegister.ts';
import { exportedRegister } from '../../../test/support/exportedRegister.ts';
import { importRegister } from './importRegister.ts';

const system = { actorId: null, actorRole: 'command_line', ip: null };
// More persons than one batch of the export holds, twice over.
const file = `${[...demoRegisterLines({ clients: 2300, fromYear: 2019, toYear: 2022, seed: 11 })].join('\n')}\n`;

let first: TestContext;
let second: TestContext;
beforeAll(async () => {
  [first, second] = await Promise.all([createTestContext(), createTestContext()]);
  await importRegister(first, system, file);
});
afterAll(async () => {
  await Promise.all([first.close(), second.close()]);
});

describe('exporting a register larger than one batch', () => {
  it('writes it a batch of persons at a time, each person with all that belongs to them, in register id order', async () => {
    const chunks: string[] = [];
    const { lines, omitted } = await writeRegister(first.db, first.keyring, system, (text) => chunks.push(text));
    expect(chunks).toHaveLength(3);
    const exported = chunks.join('');
    expect(lines).toBe(exported.trim().split('\n').length);
    expect(omitted).toBe(0);
    expect(exported.trim().split('\n').sort()).toEqual(file.trim().split('\n').sort());

    const persons = (await sql<{ id: string }>`select register_id as id from persons order by register_id`.execute(first.db)).rows;
    const parsed = exported
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(parsed.filter((line) => line.type === 'person').map((line) => line.id)).toEqual(persons.map((person) => person.id));
    // Every line belongs to the person line last written before it, across the batches' borders too.
    const referralOwner = new Map<string, string>();
    let current = '';
    for (const line of parsed) {
      if (line.type === 'person') current = line.id;
      else if (line.type === 'referral') referralOwner.set(line.id, current);
      const owner = line.personId ?? line.guardianId ?? referralOwner.get(line.referralId);
      if (line.type !== 'person') expect(owner).toBe(current);
    }
  });

  it('imports into an empty register and exports again as the same file', async () => {
    const exported = (await exportedRegister(first.db, first.keyring)).text;
    await importRegister(second, system, exported);
    expect((await exportedRegister(second.db, second.keyring)).text).toBe(exported);
  });
});

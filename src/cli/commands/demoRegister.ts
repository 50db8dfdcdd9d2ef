import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { demoRegisterLines } from '../../features/exchange/index.ts';
import { complain } from '../output.ts';

/** polku demo-register --clients N --years A-B --seed S [--out FILE]: an invented register, to stdout or a file. */
export async function demoRegisterCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      clients: { type: 'string', default: '1000' },
      years: { type: 'string', default: '2006-2025' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  });
  const clients = Number(values.clients);
  const years = /^(\d{4})-(\d{4})$/.exec(values.years!);
  const seed = Number(values.seed);
  if (!Number.isInteger(clients) || clients < 1 || !years || Number(years[1]) > Number(years[2]) || !Number.isInteger(seed)) {
    complain('demo_register_usage');
    return 2;
  }
  const output = values.out ? fs.createWriteStream(values.out) : process.stdout;
  for (const line of demoRegisterLines({ clients, fromYear: Number(years[1]), toYear: Number(years[2]), seed })) {
    if (!output.write(`${line}\n`)) await new Promise<void>((resolve) => output.once('drain', resolve));
  }
  if (values.out) await new Promise((resolve) => (output as fs.WriteStream).end(resolve));
  return 0;
}

// `npm run collector:copy-to-postgres -- <sqlite file> <postgres url>`: every batch of a collector's SQLite file into a
// PostgreSQL database, hashes included, with a progress line and a count check (copy-batches.ts, docs/SCALING.md).
import { resolve } from 'node:path';
import { CopyError, copyToPostgres, type CopyProgress } from './copy-batches';
import { isPostgresUrl } from './load-config';
import { describePostgresUrl } from './postgres-errors';
import { SchemaError } from './schema-error';

const USAGE = 'usage: npm run collector:copy-to-postgres -- <collector.db> <postgres://user:password@host:port/database>';
const number = (value: number) => value.toLocaleString('en-GB').replaceAll(',', ' ');

const args = process.argv.slice(2);
if (args.length !== 2 || !isPostgresUrl(args[1]!) || isPostgresUrl(args[0]!)) {
  console.error(`Repère copy: ${USAGE}`);
  process.exit(1);
}
// npm runs scripts from the package's folder: the file typed is the caller's, from where npm was started (INIT_CWD).
const source = resolve(process.env.INIT_CWD ?? process.cwd(), args[0]!);
const target = args[1]!;

/** One line that is rewritten in a terminal; elsewhere (a log) a line at every tenth. */
let shownTenth = -1;
function progress({ format, done, total }: CopyProgress) {
  const text = `Repère copy: format ${format}, ${number(done)} / ${number(total)} batches`;
  if (process.stderr.isTTY) {
    process.stderr.write(`\r${text}`);
    if (done === total) process.stderr.write('\n');
    return;
  }
  const tenth = Math.floor((done / Math.max(total, 1)) * 10) + format * 100;
  if (tenth !== shownTenth || done === total) console.error(text);
  shownTenth = tenth;
}

try {
  const { batches, copied, territories, inPostgres } = await copyToPostgres({ source, target, onProgress: progress });
  const total = batches[1] + batches[2];
  console.log(
    `Repère copy: the ${number(total)} batches of ${source} (${number(batches[1])} of format 1, ${number(batches[2])} of format 2) are in ${describePostgresUrl(target)} with their hashes: ${number(copied)} copied now, ${number(total - copied)} there already; ${territories} territories. PostgreSQL holds ${number(inPostgres[1] + inPostgres[2])} batches.`,
  );
} catch (error) {
  const known = error instanceof CopyError || error instanceof SchemaError;
  console.error(`Repère copy: ${known ? '' : 'failed: '}${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { SumsByTerritory } from './batch-store';
import { protectStats, transferablesOf } from './compute-stats';
import { territorySumsReader } from './open-batch-store';
import type { ProtectJob, ProtectReply } from './quarter-protector';

// A worker thread of the collector (quarter-protector.ts): reads a quarter's sums (from the SQLite file, on a read-only
// connection of its own, or as given) and protects its tables away from the thread that answers the requests, then
// hands the typed arrays back without copying them.

const readers = new Map<string, (from: string, to: string) => SumsByTerritory>();
function readerOf(file: string) {
  let reader = readers.get(file);
  if (!reader) readers.set(file, (reader = territorySumsReader(new Database(file, { readonly: true, fileMustExist: true }))));
  return reader;
}

parentPort!.on('message', (job: ProtectJob) => {
  try {
    const sums = 'sums' in job.source ? job.source.sums : readerOf(job.source.file)(job.quarter.from, job.quarter.to);
    const result = protectStats(sums, job.quarter, job.k);
    const reply: ProtectReply = { id: job.id, result };
    parentPort!.postMessage(reply, transferablesOf(result));
  } catch (error) {
    const reply: ProtectReply = { id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    parentPort!.postMessage(reply);
  }
});

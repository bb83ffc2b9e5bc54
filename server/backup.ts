// `npm run collector:backup -- <file> [--db <collector.db>]`: an online backup of the collector's database while it runs
// (backup-command.ts, backup-database.ts).
import { backupCommand } from './backup-command';

const { exitCode, line } = await backupCommand(process.argv.slice(2), { env: process.env, cwd: process.cwd() });
(exitCode === 0 ? console.log : console.error)(line);
process.exitCode = exitCode;

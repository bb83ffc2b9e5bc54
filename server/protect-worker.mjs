// The entry of the statistics worker thread (quarter-protector.ts): the worker runs the TypeScript as the collector
// does, through tsx, registered here since a worker does not take the loader of the thread that starts it.
import { register } from 'tsx/esm/api';

register();
await import('./protect-worker.ts');

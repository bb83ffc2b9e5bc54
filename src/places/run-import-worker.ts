import { PlacesImportError, type ImportRunner } from './import-places';
import type { ImportWorkerMessage, ImportWorkerRequest } from './import-worker';

/** Runs a places import in a dedicated worker (its own chunk), so the tablet stays responsive; one worker per import. */
export const runImportInWorker: ImportRunner = (text, source, onRows) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
    const finish = () => worker.terminate();
    worker.onmessage = (event: MessageEvent<ImportWorkerMessage>) => {
      const message = event.data;
      if (message.kind === 'progress') onRows(message.rowsDone, message.rowsTotal);
      else if (message.kind === 'done') {
        finish();
        resolve(message.result);
      } else {
        finish();
        reject(message.code === 'unexpected' ? new Error(message.message) : new PlacesImportError(message.code, message.message));
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(event.message || 'the import worker stopped'));
    };
    worker.postMessage({ text, source } satisfies ImportWorkerRequest);
  });

// Runs a places import off the main thread, so a tablet stays responsive while 20 000 rows are read. One message in
// ({ text, source }), progress messages out, then the places and report, or the import error.
import { PlacesImportError, importPlaces } from './import-places';

export type ImportWorkerRequest = { readonly text: string; readonly source: string };
export type ImportWorkerMessage =
  | { readonly kind: 'progress'; readonly rowsDone: number; readonly rowsTotal: number }
  | { readonly kind: 'done'; readonly result: ReturnType<typeof importPlaces> }
  | { readonly kind: 'failed'; readonly code: PlacesImportError['code'] | 'unexpected'; readonly message: string };

/** The little of a dedicated worker's scope this uses (the app's tsconfig has the DOM lib, not the worker one). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ImportWorkerRequest>) => void) | null;
  postMessage(message: ImportWorkerMessage): void;
};
scope.onmessage = (event: MessageEvent<ImportWorkerRequest>) => {
  const post = (message: ImportWorkerMessage) => scope.postMessage(message);
  try {
    const result = importPlaces(event.data.text, {
      source: event.data.source,
      onProgress: (rowsDone, rowsTotal) => post({ kind: 'progress', rowsDone, rowsTotal }),
    });
    post({ kind: 'done', result });
  } catch (error) {
    if (error instanceof PlacesImportError) post({ kind: 'failed', code: error.code, message: error.message });
    else post({ kind: 'failed', code: 'unexpected', message: String(error) });
  }
};

import { StorageError, type StorageFailure } from '../storage/errors';

/** Whether something reached the device's storage, and if not, why. The caller's in-memory state is kept either way. */
export type SaveOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: StorageFailure };

/** Runs a write and turns a StorageError into a SaveOutcome; any other error is a bug and is rethrown. */
export async function attemptSave(write: () => Promise<unknown>): Promise<SaveOutcome> {
  try {
    await write();
    return { ok: true };
  } catch (error) {
    if (error instanceof StorageError) return { ok: false, reason: error.reason };
    throw error;
  }
}

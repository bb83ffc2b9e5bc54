/** What the browser said when asked to keep Repère's data under storage pressure. */
export type PersistenceOutcome = 'persisted' | 'notGranted' | 'unsupported';

/**
 * Asks the browser not to evict Repère's data (navigator.storage.persist). A kiosk that loses its pending anonymous
 * batches or its configuration under storage pressure would have to be set up again.
 */
export async function requestPersistence(manager: StorageManager | undefined): Promise<PersistenceOutcome> {
  if (!manager || typeof manager.persist !== 'function') return 'unsupported';
  try {
    if (await manager.persisted()) return 'persisted';
    return (await manager.persist()) ? 'persisted' : 'notGranted';
  } catch {
    return 'notGranted';
  }
}

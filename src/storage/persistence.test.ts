import { describe, expect, it, vi } from 'vitest';
import { requestPersistence } from './persistence';

const manager = (persisted: boolean, grant: boolean | Error) =>
  ({
    persisted: vi.fn(async () => persisted),
    persist: vi.fn(async () => {
      if (grant instanceof Error) throw grant;
      return grant;
    }),
  }) as unknown as StorageManager;

describe('requestPersistence', () => {
  it('does not ask again when the data is already persistent', async () => {
    const m = manager(true, false);
    expect(await requestPersistence(m)).toBe('persisted');
    expect(m.persist).not.toHaveBeenCalled();
  });
  it('reports what the browser granted', async () => {
    expect(await requestPersistence(manager(false, true))).toBe('persisted');
    expect(await requestPersistence(manager(false, false))).toBe('notGranted');
    expect(await requestPersistence(manager(false, new Error('no')))).toBe('notGranted');
  });
  it('copes with browsers without the Storage API', async () => {
    expect(await requestPersistence(undefined)).toBe('unsupported');
  });
});

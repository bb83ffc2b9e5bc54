import { describe, expect, it, vi } from 'vitest';
import { loadDemoPlaces } from '../content/demo-places';
import { openMemoryStorage } from '../storage/open-storage';
import { readPlacesMeta } from '../storage/places';
import { StorageError } from '../storage/errors';
import { ensurePlacesDataset } from './places-dataset';
import { beginSession, changeSessionLanguage, eraseSessions, resumeSession } from './sessions';
import { mayApplyUpdate } from './update-gate';

const clockAt = (iso: string) => () => new Date(iso);

describe('session use cases', () => {
  it('saves a new session at once, so that it can be resumed', async () => {
    const storage = openMemoryStorage('unavailable');
    const deps = { storage, now: clockAt('2026-11-29T09:00:00Z'), newId: () => 'id-1' };
    const { session, saved } = await beginSession(deps, { language: 'tr', mode: 'kiosk' });
    expect(saved).toEqual({ ok: true });
    expect(await resumeSession(deps)).toEqual(session);
  });

  it('keeps the session in memory and says why when the device is full', async () => {
    const storage = openMemoryStorage('unavailable');
    vi.spyOn(storage.sessions, 'put').mockRejectedValue(new StorageError('quota', 'sessions'));
    const deps = { storage, now: clockAt('2026-11-29T09:00:00Z'), newId: () => 'id-2' };
    const { session, saved } = await beginSession(deps, { language: 'fr', mode: 'kiosk' });
    expect(saved).toEqual({ ok: false, reason: 'quota' });
    expect(session.id).toBe('id-2');
  });

  it('rethrows what is not a storage failure (a bug must not pass for a full disk)', async () => {
    const storage = openMemoryStorage('unavailable');
    vi.spyOn(storage.sessions, 'put').mockRejectedValue(new TypeError('bug'));
    const deps = { storage, now: clockAt('2026-11-29T09:00:00Z'), newId: () => 'id-3' };
    await expect(beginSession(deps, { language: 'fr', mode: 'kiosk' })).rejects.toThrow('bug');
  });

  it('records a language change, and erasing leaves nothing to resume', async () => {
    const storage = openMemoryStorage('unavailable');
    const deps = { storage, now: clockAt('2026-11-29T09:00:00Z'), newId: () => 'id-4' };
    const { session } = await beginSession(deps, { language: 'fr', mode: 'guided' });
    const later = { ...deps, now: clockAt('2026-11-29T09:02:00Z') };
    await changeSessionLanguage(later, session, 'ar');
    expect((await resumeSession(deps))?.language).toBe('ar');
    expect(await eraseSessions(deps)).toEqual({ ok: true });
    expect(await resumeSession(deps)).toBeUndefined();
  });
});

describe('mayApplyUpdate', () => {
  it('applies an update on the welcome screen only, and never over unsaved input', () => {
    expect(mayApplyUpdate({ screen: 'welcome', hasUnsavedInput: false })).toBe(true);
    expect(mayApplyUpdate({ screen: 'welcome', hasUnsavedInput: true })).toBe(false);
    expect(mayApplyUpdate({ screen: 'questionnaire', hasUnsavedInput: false })).toBe(false);
    expect(mayApplyUpdate({ screen: 'mediator', hasUnsavedInput: false })).toBe(false);
  });
});

describe('ensurePlacesDataset', () => {
  it('gives a new device the fictional demo places, marked as fictional', async () => {
    const storage = openMemoryStorage('unavailable');
    expect(await ensurePlacesDataset({ storage, loadDemo: loadDemoPlaces })).toEqual({ ok: true });
    const meta = await readPlacesMeta(storage);
    expect(meta?.fictional).toBe(true);
    expect(await storage.places.count()).toBe(meta?.count);
    expect((await storage.places.getAll()).every((p) => p.name.includes('fictif'))).toBe(true);
  });

  it('keeps a dataset already on the device', async () => {
    const storage = openMemoryStorage('unavailable');
    const real = { ...(await loadDemoPlaces()).meta, source: 'national', fictional: false, count: 0 };
    await storage.replacePlaces(real, []);
    const loadDemo = vi.fn(loadDemoPlaces);
    expect(await ensurePlacesDataset({ storage, loadDemo })).toBe('kept');
    expect(loadDemo).not.toHaveBeenCalled();
    expect((await readPlacesMeta(storage))?.source).toBe('national');
  });
});

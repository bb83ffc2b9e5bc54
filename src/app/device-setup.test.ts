import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../storage/open-storage';
import { createPin, createPinPage, storagePinStore } from './mediator-pin';
import { isDeviceInstalled, isSetupAddress, opensOnSetup, withoutSetupParameter } from './device-setup';

describe('first setup of a device', () => {
  it('knows the setup address, under any path, and gives back the public one', () => {
    expect(isSetupAddress('https://mediatheque.example.fr/repere/?installation')).toBe(true);
    expect(isSetupAddress('http://localhost:4173/?lang=ar&installation=1')).toBe(true);
    expect(isSetupAddress('http://localhost:4173/')).toBe(false);
    expect(isSetupAddress('http://localhost:4173/#installation')).toBe(false);
    expect(withoutSetupParameter('https://mediatheque.example.fr/repere/?installation')).toBe('https://mediatheque.example.fr/repere/');
    expect(withoutSetupParameter('http://localhost:4173/?lang=ar&installation=1')).toBe('http://localhost:4173/?lang=ar');
  });

  it('opens on setup at the setup address, or as an iPad home-screen app (which cannot be given that address)', () => {
    const publicAddress = 'https://mediatheque.example.fr/repere/';
    expect(opensOnSetup(publicAddress, {})).toBe(false);
    expect(opensOnSetup(publicAddress, { standalone: false })).toBe(false);
    // Only WebKit's own boolean counts: anything else a page could set is not a home-screen app.
    expect(opensOnSetup(publicAddress, { standalone: 'true' })).toBe(false);
    expect(opensOnSetup(publicAddress, { standalone: true })).toBe(true);
    expect(opensOnSetup(`${publicAddress}?installation`, {})).toBe(true);
  });

  it('a new device is not installed; it is once its PIN exists', async () => {
    const storage = await openStorage({ indexedDB: new IDBFactory() });
    expect(await isDeviceInstalled(storage)).toBe(false);
    const created = await createPin({ store: storagePinStore(storage), now: () => new Date('2026-12-07T10:00:00Z'), page: createPinPage(() => 0) }, '482913');
    expect(created.ok).toBe(true);
    expect(await isDeviceInstalled(storage)).toBe(true);
  });
});

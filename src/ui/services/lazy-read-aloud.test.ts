import { describe, expect, it, vi } from 'vitest';
import type { ReadAloud } from './read-aloud';
import { lazyReadAloud } from './lazy-read-aloud';

const fake = (): ReadAloud => ({ speak: vi.fn(() => 'speaking' as const), stop: vi.fn(), availability: vi.fn(async () => 'available' as const) });

describe('read-aloud loaded at its first use', () => {
  it('loads nothing until asked whether it can speak, then speaks and stops through the loaded one', async () => {
    const real = fake();
    const load = vi.fn(async () => real);
    const readAloud = lazyReadAloud(load);
    readAloud.stop();
    expect(readAloud.speak('Bonjour', 'fr')).toBe('unsupported');
    expect(load).not.toHaveBeenCalled();

    expect(await readAloud.availability('fr')).toBe('available');
    expect(readAloud.speak('Bonjour', 'fr')).toBe('speaking');
    readAloud.stop();
    expect(real.speak).toHaveBeenCalledWith('Bonjour', 'fr');
    expect(real.stop).toHaveBeenCalledTimes(1);
    await readAloud.availability('ar');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('reads as a device without speech when its code cannot be loaded, and tries again the next time', async () => {
    const real = fake();
    const load = vi.fn().mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module')).mockResolvedValueOnce(real);
    const readAloud = lazyReadAloud(load);
    expect(await readAloud.availability('fr')).toBe('unsupported');
    expect(readAloud.speak('Bonjour', 'fr')).toBe('unsupported');
    expect(await readAloud.availability('fr')).toBe('available');
    expect(load).toHaveBeenCalledTimes(2);
  });
});

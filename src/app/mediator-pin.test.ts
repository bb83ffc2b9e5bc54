import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  MediatorPinError,
  changePin,
  createPin,
  createPinPage,
  hasPin,
  pinLockStatus,
  verifyPin,
  type PinDeps,
  type PinRecord,
  type PinStore,
} from './mediator-pin';

const PIN = '482915';
const OTHER_PIN = '730461';
const WRONG = '111111';
/** Fast hashes for most tests; one test below uses the real default. */
const TEST_ITERATIONS = 1_000;
const MINUTE = 60_000;

/** What survives a reload: the record as JSON, the way IndexedDB or localStorage would hold it. */
interface Disk {
  json: string | null;
}

/** A new store object over the same disk, as after a page reload. */
function storeOn(disk: Disk): PinStore {
  return {
    read: async () => (disk.json === null ? null : (JSON.parse(disk.json) as PinRecord)),
    write: async (record) => {
      disk.json = JSON.stringify(record);
    },
  };
}

/**
 * The device's wall clock and the page's monotonic clock, moved by hand: `advance` is time passing (both move),
 * `setDate` a person changing the date (the wall clock only), `reload` a new page (its monotonic clock restarts).
 */
function clock(iso = '2026-11-30T09:00:00.000Z') {
  let current = new Date(iso);
  let monotonic = 2_000;
  let page = createPinPage(() => monotonic);
  return {
    now: () => current,
    page: () => page,
    advance: (ms: number) => {
      current = new Date(current.getTime() + ms);
      monotonic += ms;
    },
    setDate: (date: Date) => {
      current = date;
    },
    reload: () => {
      monotonic = 0;
      page = createPinPage(() => monotonic);
    },
  };
}

/** A device whose PIN hashes use `iterations`, or the app's own default. */
function device(iterations: number | 'appDefault' = TEST_ITERATIONS) {
  const disk: Disk = { json: null };
  const time = clock();
  const deps = (): PinDeps => ({ store: storeOn(disk), now: time.now, page: time.page(), ...(iterations === 'appDefault' ? {} : { iterations }) });
  return { disk, time, deps };
}

async function typeWrong(deps: PinDeps, times: number) {
  const answers = [];
  for (let i = 0; i < times; i += 1) answers.push(await verifyPin(deps, WRONG));
  return answers;
}

const storedRecord = (disk: Disk) => JSON.parse(disk.json ?? 'null') as PinRecord;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('creating the PIN', () => {
  it('given a new device, when a PIN is created, then the device has a PIN and it opens the space', async () => {
    const { deps } = device();
    expect(await hasPin(deps())).toBe(false);
    expect(await createPin(deps(), PIN)).toEqual({ ok: true });
    expect(await hasPin(deps())).toBe(true);
    expect(await verifyPin(deps(), PIN)).toEqual({ ok: true });
  });

  it('given the real default, then the hash uses at least 200 000 PBKDF2-SHA-256 iterations and still verifies', async () => {
    const { deps, disk } = device('appDefault');
    await createPin(deps(), PIN);
    const record = storedRecord(disk);
    expect(record.algorithm).toBe('PBKDF2-SHA-256');
    expect(record.iterations).toBeGreaterThanOrEqual(200_000);
    expect(await verifyPin(deps(), PIN)).toEqual({ ok: true });
  });

  it('given a created PIN, then the record holds neither the PIN nor its digits, only a 16-byte salt and a 32-byte hash', async () => {
    const { deps, disk } = device();
    await createPin(deps(), PIN);
    expect(disk.json).not.toContain(PIN);
    const record = storedRecord(disk);
    expect(atob(record.salt)).toHaveLength(16);
    expect(atob(record.hash)).toHaveLength(32);
  });

  it('given the same PIN on two devices, then their salts and hashes differ', async () => {
    const first = device();
    const second = device();
    await createPin(first.deps(), PIN);
    await createPin(second.deps(), PIN);
    expect(storedRecord(first.disk).salt).not.toBe(storedRecord(second.disk).salt);
    expect(storedRecord(first.disk).hash).not.toBe(storedRecord(second.disk).hash);
  });

  it('given a device that has a PIN, when another is created, then it is refused and the first one still works', async () => {
    const { deps } = device();
    await createPin(deps(), PIN);
    expect(await createPin(deps(), OTHER_PIN)).toEqual({ ok: false, reason: 'pinExists' });
    expect(await verifyPin(deps(), PIN)).toEqual({ ok: true });
  });

  it('given a PIN of a bad form, then it is refused and nothing is written', async () => {
    const { deps, disk } = device();
    expect(await createPin(deps(), '12345')).toEqual({ ok: false, reason: 'invalidFormat', error: 'tooShort' });
    expect(await createPin(deps(), '12345x')).toEqual({ ok: false, reason: 'invalidFormat', error: 'notDigits' });
    expect(disk.json).toBeNull();
  });
});

describe('verifying the PIN', () => {
  it('given wrong PINs, then each answer says how many attempts are left, and the fifth locks for a minute', async () => {
    const { deps } = device();
    await createPin(deps(), PIN);
    expect(await typeWrong(deps(), 5)).toEqual([
      { ok: false, reason: 'wrong', attemptsLeft: 4 },
      { ok: false, reason: 'wrong', attemptsLeft: 3 },
      { ok: false, reason: 'wrong', attemptsLeft: 2 },
      { ok: false, reason: 'wrong', attemptsLeft: 1 },
      { ok: false, reason: 'locked', retryInMs: MINUTE },
    ]);
  });

  it('given a lockout, when the store is opened again on the same page, then it is still locked, even for the right PIN', async () => {
    const { deps, time } = device();
    await createPin(deps(), PIN);
    await typeWrong(deps(), 5);
    time.advance(20_000);
    expect(await verifyPin(deps(), PIN)).toEqual({ ok: false, reason: 'locked', retryInMs: 40_000 });
  });

  it('given a lockout, when the page is reloaded, then the new page counts the whole minute again from its start', async () => {
    const { deps, time } = device();
    await createPin(deps(), PIN);
    await typeWrong(deps(), 5);
    time.advance(20_000);
    time.reload();
    expect(await pinLockStatus(deps())).toEqual({ ok: false, reason: 'locked', retryInMs: MINUTE });
    time.advance(MINUTE);
    expect(await pinLockStatus(deps())).toBeNull();
    expect(await verifyPin(deps(), PIN)).toEqual({ ok: true });
  });

  it('given a lockout, when the date is moved a year forward, then it stays locked until the minute has really passed', async () => {
    const { deps, time } = device();
    await createPin(deps(), PIN);
    await typeWrong(deps(), 5);
    time.advance(10_000);
    time.setDate(new Date('2027-11-30T09:00:00.000Z'));
    expect(await verifyPin(deps(), PIN)).toEqual({ ok: false, reason: 'locked', retryInMs: 50_000 });
    time.advance(50_000);
    expect(await verifyPin(deps(), PIN)).toEqual({ ok: true });
  });

  it('given a lockout, when the date is moved a year forward and the page reloaded, then the lockout lasts its full minute on the new page', async () => {
    const { deps, time } = device();
    await createPin(deps(), PIN);
    await typeWrong(deps(), 5);
    time.setDate(new Date('2027-11-30T09:00:00.000Z'));
    time.reload();
    expect(await verifyPin(deps(), PIN)).toEqual({ ok: false, reason: 'locked', retryInMs: MINUTE });
    time.advance(59_000);
    expect(await verifyPin(deps(), WRONG)).toEqual({ ok: false, reason: 'locked', retryInMs: 1000 });
    time.advance(1000);
    expect(await verifyPin(deps(), PIN)).toEqual({ ok: true });
  });

  it('given a wrong PIN, when the date is moved back before it, then PINs are refused for a minute, saying the clock is behind', async () => {
    const { deps, time } = device();
    await createPin(deps(), PIN);
    await typeWrong(deps(), 1);
    time.setDate(new Date('2026-11-29T09:00:00.000Z'));
    const derive = vi.spyOn(crypto.subtle, 'deriveBits');
    expect(await verifyPin(deps(), PIN)).toEqual({ ok: false, reason: 'locked', retryInMs: MINUTE, clockBehind: true });
    expect(derive).not.toHaveBeenCalled();
    time.advance(MINUTE);
    expect(await verifyPin(deps(), PIN)).toEqual({ ok: true });
  });

  it('given a lockout, then the PIN is not even derived until it ends', async () => {
    const { deps } = device();
    await createPin(deps(), PIN);
    await typeWrong(deps(), 5);
    const derive = vi.spyOn(crypto.subtle, 'deriveBits');
    await verifyPin(deps(), PIN);
    expect(derive).not.toHaveBeenCalled();
  });

  it('given a lockout that has ended, then the right PIN opens the space and the count starts again', async () => {
    const { deps, time, disk } = device();
    await createPin(deps(), PIN);
    await typeWrong(deps(), 5);
    time.advance(MINUTE);
    expect(await verifyPin(deps(), PIN)).toEqual({ ok: true });
    expect(storedRecord(disk).lockout).toEqual({ failures: 0, lockouts: 0, lockedUntil: null, lastFailureAt: null });
    expect(await verifyPin(deps(), WRONG)).toEqual({ ok: false, reason: 'wrong', attemptsLeft: 4 });
  });

  it('given a second and a third series of wrong PINs, then the lockouts last 2 then 4 minutes', async () => {
    const { deps, time } = device();
    await createPin(deps(), PIN);
    await typeWrong(deps(), 5);
    time.advance(MINUTE);
    expect((await typeWrong(deps(), 5))[4]).toEqual({ ok: false, reason: 'locked', retryInMs: 2 * MINUTE });
    time.advance(2 * MINUTE);
    expect((await typeWrong(deps(), 5))[4]).toEqual({ ok: false, reason: 'locked', retryInMs: 4 * MINUTE });
  });

  it('given wrong PINs fired all at once, then they are taken one by one and still lock after five', async () => {
    const { deps, disk } = device();
    await createPin(deps(), PIN);
    const answers = await Promise.all(Array.from({ length: 8 }, () => verifyPin(deps(), WRONG)));
    expect(answers.filter((answer) => !answer.ok && answer.reason === 'wrong')).toHaveLength(4);
    expect(answers.filter((answer) => !answer.ok && answer.reason === 'locked')).toHaveLength(4);
    expect(storedRecord(disk).lockout.lockouts).toBe(1);
  });

  it('given a storage that refuses to write, then no answer is given and the PIN is not even checked', async () => {
    const { deps, disk } = device();
    await createPin(deps(), PIN);
    const failing: PinStore = { read: storeOn(disk).read, write: async () => Promise.reject(new Error('quota')) };
    const derive = vi.spyOn(crypto.subtle, 'deriveBits');
    await expect(verifyPin({ ...deps(), store: failing }, WRONG)).rejects.toThrow('quota');
    expect(derive).not.toHaveBeenCalled();
  });

  it('given a hash altered in its last byte only, then the right PIN is refused (every byte is compared)', async () => {
    const { deps, disk } = device();
    await createPin(deps(), PIN);
    const record = storedRecord(disk);
    const bytes = Uint8Array.from(atob(record.hash), (char) => char.charCodeAt(0));
    bytes[31] = bytes[31]! ^ 1;
    disk.json = JSON.stringify({ ...record, hash: btoa(String.fromCharCode(...bytes)) });
    expect(await verifyPin(deps(), PIN)).toEqual({ ok: false, reason: 'wrong', attemptsLeft: 4 });
  });

  it('given a record hashed with fewer iterations than today, when the right PIN is typed, then it is hashed again with the new count', async () => {
    const { deps, disk } = device();
    await createPin(deps(), PIN);
    const before = storedRecord(disk);
    const stronger = { ...deps(), iterations: 2 * TEST_ITERATIONS };
    expect(await verifyPin(stronger, PIN)).toEqual({ ok: true });
    const after = storedRecord(disk);
    expect(after.iterations).toBe(2 * TEST_ITERATIONS);
    expect(after.salt).not.toBe(before.salt);
    expect(await verifyPin(stronger, PIN)).toEqual({ ok: true });
    expect(await verifyPin(stronger, WRONG)).toEqual({ ok: false, reason: 'wrong', attemptsLeft: 4 });
  });

  it('given a device without a PIN, then verifying is a mistake of the caller', async () => {
    const { deps } = device();
    await expect(verifyPin(deps(), PIN)).rejects.toBeInstanceOf(MediatorPinError);
  });
});

describe('changing the PIN', () => {
  it('given the right current PIN, then the new PIN opens the space and the old one does not', async () => {
    const { deps, disk } = device();
    await createPin(deps(), PIN);
    const before = storedRecord(disk);
    expect(await changePin(deps(), PIN, OTHER_PIN)).toEqual({ ok: true });
    expect(storedRecord(disk).salt).not.toBe(before.salt);
    expect(await verifyPin(deps(), OTHER_PIN)).toEqual({ ok: true });
    expect(await verifyPin(deps(), PIN)).toEqual({ ok: false, reason: 'wrong', attemptsLeft: 4 });
  });

  it('given a wrong current PIN, then nothing changes but the attempt counts towards the lockout', async () => {
    const { deps } = device();
    await createPin(deps(), PIN);
    await typeWrong(deps(), 4);
    expect(await changePin(deps(), WRONG, OTHER_PIN)).toEqual({ ok: false, reason: 'locked', retryInMs: MINUTE });
    expect(await changePin(deps(), PIN, OTHER_PIN)).toEqual({ ok: false, reason: 'locked', retryInMs: MINUTE });
  });

  it('given a new PIN of a bad form, then it is refused before the current PIN is even checked', async () => {
    const { deps, disk } = device();
    await createPin(deps(), PIN);
    const before = disk.json;
    expect(await changePin(deps(), WRONG, '123')).toEqual({ ok: false, reason: 'invalidFormat', error: 'tooShort' });
    expect(disk.json).toBe(before);
  });
});

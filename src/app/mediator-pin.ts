import type { RepereStorage } from '../storage/open-storage';
import {
  NO_LOCKOUT,
  attemptsLeft,
  lockStatus,
  registerFailure,
  registerSuccess,
  validatePinFormat,
  type LockoutState,
  type LockStatus,
  type PageWatches,
  type PinFormatError,
} from '../domain/pin-lockout';

/**
 * The mediator space's PIN. The PIN itself is never stored: only a salted PBKDF2-SHA-256 hash (WebCrypto), with its
 * iteration count, so that the count can be raised later (a record with fewer iterations is hashed again, with a new
 * salt, the next time the right PIN is typed), and the lockout state (domain/pin-lockout.ts).
 */

/** OWASP Password Storage Cheat Sheet, PBKDF2-HMAC-SHA-256: 210 000 iterations (its 2023 figure, above 200 000). */
export const PBKDF2_ITERATIONS = 210_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;
const ALGORITHM = 'PBKDF2-SHA-256';

/** What the device keeps about the PIN. Nothing in it gives the PIN back. */
export interface PinRecord {
  readonly algorithm: typeof ALGORITHM;
  readonly iterations: number;
  /** 16 random bytes, base64. */
  readonly salt: string;
  /** The 32 derived bytes, base64. */
  readonly hash: string;
  readonly lockout: LockoutState;
}

/** Where the record lives (IndexedDB in the app, a fake in tests). */
export interface PinStore {
  read(): Promise<PinRecord | null>;
  write(record: PinRecord): Promise<void>;
}

/**
 * One page's monotonic clock and what it has watched of the lockout (domain/pin-lockout.ts lockStatus). A page has
 * one (`currentPinPage`); a reload starts a new one, as tests do with `createPinPage`.
 */
export interface PinPage {
  readonly monotonic: () => number;
  watches: PageWatches;
}

export function createPinPage(monotonic: () => number): PinPage {
  return { monotonic, watches: {} };
}

let thisPage: PinPage | null = null;

/** This page's PinPage, on `performance.now()`. */
export function currentPinPage(): PinPage {
  thisPage ??= createPinPage(() => performance.now());
  return thisPage;
}

export interface PinDeps {
  readonly store: PinStore;
  readonly now: () => Date;
  /** This page's monotonic clock (currentPinPage() in the app): a lockout is counted on it. */
  readonly page: PinPage;
  /** Iterations for new hashes; PBKDF2_ITERATIONS unless a test needs speed. */
  readonly iterations?: number;
}

export type VerifyPinResult =
  | { readonly ok: true }
  /** `clockBehind`: refused because the device's clock reads earlier than the last wrong PIN (it was moved back). */
  | { readonly ok: false; readonly reason: 'locked'; readonly retryInMs: number; readonly clockBehind?: true }
  | { readonly ok: false; readonly reason: 'wrong'; readonly attemptsLeft: number };

export type CreatePinResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'pinExists' }
  | { readonly ok: false; readonly reason: 'invalidFormat'; readonly error: PinFormatError };

export type ChangePinResult =
  | { readonly ok: true }
  | Exclude<VerifyPinResult, { ok: true }>
  | { readonly ok: false; readonly reason: 'invalidFormat'; readonly error: PinFormatError };

/** Thrown when a PIN is checked or changed on a device that has none: the screen should have asked to create one. */
export class MediatorPinError extends Error {
  constructor(readonly code: 'noPin') {
    super('no mediator PIN on this device');
    this.name = 'MediatorPinError';
  }
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

/** Compares every byte whatever the first difference, so the time taken does not tell how much of a guess was right. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

async function hashRecord(pin: string, iterations: number, lockout: LockoutState): Promise<PinRecord> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(pin, salt, iterations);
  return { algorithm: ALGORITHM, iterations, salt: bytesToBase64(salt), hash: bytesToBase64(hash), lockout };
}

async function matches(record: PinRecord, pin: string): Promise<boolean> {
  const derived = await derive(pin, base64ToBytes(record.salt), record.iterations);
  return constantTimeEqual(derived, base64ToBytes(record.hash));
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs PIN operations one after the other (a device has one PIN, whatever store object the caller holds): attempts
 * fired together (a double tap, a script) would otherwise all read the same record and each get a free guess.
 */
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/** The iteration count new hashes get. */
function targetIterations(deps: PinDeps): number {
  return deps.iterations ?? PBKDF2_ITERATIONS;
}

async function readExisting(store: PinStore): Promise<PinRecord> {
  const record = await store.read();
  if (record === null) throw new MediatorPinError('noPin');
  return record;
}

/** Reads the lockout with this page's clocks, and remembers what the page has watched. */
function readLock(deps: PinDeps, lockout: LockoutState, now: Date): LockStatus {
  const status = lockStatus(lockout, { now, monotonic: deps.page.monotonic() }, deps.page.watches);
  deps.page.watches = status.watches;
  return status;
}

function lockedAnswer(status: LockStatus): VerifyPinResult {
  return { ok: false, reason: 'locked', retryInMs: status.remainingMs, ...(status.reason === 'clockBehind' ? { clockBehind: true as const } : {}) };
}

/**
 * Checks a PIN against the record. While locked, the PIN is not even derived. Otherwise the attempt is written as a
 * failure before the PIN is checked, and cleared only once it proves right: closing the page during the check, or a
 * storage that refuses to write, never gives a free guess. The wrong PIN that locks the space answers `locked`.
 */
async function checkPin(deps: PinDeps, record: PinRecord, pin: string): Promise<VerifyPinResult> {
  const now = deps.now();
  const before = readLock(deps, record.lockout, now);
  if (before.remainingMs > 0) return lockedAnswer(before);

  const failed: PinRecord = { ...record, lockout: registerFailure(record.lockout, now) };
  await deps.store.write(failed);
  if (await matches(record, pin)) {
    const target = targetIterations(deps);
    const lockout = registerSuccess(failed.lockout);
    await deps.store.write(record.iterations < target ? await hashRecord(pin, target, lockout) : { ...record, lockout });
    return { ok: true };
  }
  const after = readLock(deps, failed.lockout, now);
  if (after.remainingMs > 0) return lockedAnswer(after);
  return { ok: false, reason: 'wrong', attemptsLeft: attemptsLeft(failed.lockout) };
}

/**
 * Whether a PIN may be typed now (the PIN screen asks when it opens, and when its countdown ends): null when it may,
 * else the `locked` answer a PIN typed now would get. Counts a lockout found in storage from now on this page.
 */
export function pinLockStatus(deps: PinDeps): Promise<Extract<VerifyPinResult, { reason: 'locked' }> | null> {
  return oneAtATime(async () => {
    const record = await deps.store.read();
    if (record === null) return null;
    const status = readLock(deps, record.lockout, deps.now());
    return status.remainingMs > 0 ? (lockedAnswer(status) as Extract<VerifyPinResult, { reason: 'locked' }>) : null;
  });
}

/** Whether this device already has a mediator PIN (if not, the mediator space asks to create one). */
export async function hasPin(deps: Pick<PinDeps, 'store'>): Promise<boolean> {
  return (await deps.store.read()) !== null;
}

/** Creates the PIN of a device that has none. An existing PIN is never replaced here: use changePin. */
export function createPin(deps: PinDeps, pin: string): Promise<CreatePinResult> {
  return oneAtATime(async () => {
    const format = validatePinFormat(pin);
    if (!format.ok) return { ok: false, reason: 'invalidFormat', error: format.error };
    if ((await deps.store.read()) !== null) return { ok: false, reason: 'pinExists' };
    await deps.store.write(await hashRecord(pin, targetIterations(deps), NO_LOCKOUT));
    return { ok: true };
  });
}

/**
 * Checks the PIN typed to open the mediator space: right, wrong (with the attempts left before a lockout), or locked
 * (with the milliseconds to wait). Throws MediatorPinError('noPin') on a device without a PIN.
 */
export function verifyPin(deps: PinDeps, pin: string): Promise<VerifyPinResult> {
  return oneAtATime(async () => checkPin(deps, await readExisting(deps.store), pin));
}

/**
 * Replaces the PIN once the current one is typed right. A wrong current PIN counts towards the lockout like any other
 * attempt. The new PIN gets a new salt and a clean lockout state.
 */
export function changePin(deps: PinDeps, current: string, next: string): Promise<ChangePinResult> {
  return oneAtATime(async () => {
    const format = validatePinFormat(next);
    if (!format.ok) return { ok: false, reason: 'invalidFormat', error: format.error };
    const verified = await checkPin(deps, await readExisting(deps.store), current);
    if (!verified.ok) return verified;
    await deps.store.write(await hashRecord(next, targetIterations(deps), NO_LOCKOUT));
    return { ok: true };
  });
}

/** The PIN record in the device's settings store (key "pin"). */
export function storagePinStore(storage: Pick<RepereStorage, 'settings'>): PinStore {
  return {
    read: async () => ((await storage.settings.get('pin'))?.value as PinRecord | undefined) ?? null,
    write: (record) => storage.settings.put({ key: 'pin', value: record }),
  };
}

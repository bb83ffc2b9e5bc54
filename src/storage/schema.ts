import type { DBSchema } from 'idb';
import type { AggregateBatch } from '../domain/aggregate';
import type { ClockMemory } from '../domain/clock-trust';
import type { DeviceSettings } from '../domain/device-settings';
import type { Place, PlaceDatasetMeta } from '../domain/place';
import type { FinishedResult } from '../domain/result';
import type { Session } from '../domain/session';

export const DB_NAME = 'repere';

/** Each version is named after what its migration adds (see migrations.ts). */
export const DB_VERSION_INITIAL = 1;
export const DB_VERSION_ADD_OUTBOX = 2;
export const DB_VERSION_ADD_PLACES = 3;
export const DB_VERSION_ADD_HISTORY_INDEXES = 4;
export const DB_VERSION = DB_VERSION_ADD_HISTORY_INDEXES;

/**
 * A record of the settings store. The device configuration is one record, written whole, so a save never mixes two
 * configurations; later records (the mediator PIN hash, the lock-out) get their own keys.
 */
export type SettingRecord =
  | { readonly key: 'device'; readonly value: DeviceSettings }
  /** Who may flush the outbox until when, where the Web Locks API is missing (one tab at a time). */
  | { readonly key: `lease:${string}`; readonly value: Lease }
  /** The latest time the device has seen, to tell a clock set wrong (domain/clock-trust.ts); absent on older devices. */
  | { readonly key: 'clock'; readonly value: ClockMemory }
  /** Other records (the mediator PIN hash and its lock-out) each hold one JSON-safe value. */
  | { readonly key: 'pin'; readonly value: unknown };

/** A short exclusive right, renewed while held, that lapses by itself if its holder disappears (a closed tab). */
export interface Lease {
  readonly holder: string;
  readonly until: string;
}

export type OutboxStatus = 'pending' | 'sent' | 'refused';

/**
 * An anonymous aggregate batch waiting in the outbox. It is written here, with its random id, before any send, and
 * marked sent only once the collector acknowledged it.
 */
export interface OutboxEntry {
  readonly id: string;
  readonly createdAt: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly refusedReason: string | null;
  /** The batch exactly as it will be sent (counts only; its shape is the collector's API, docs/API.md). */
  readonly batch: AggregateBatch;
  /** When the collector acknowledged it. */
  readonly sentAt?: string;
  /** The last network or server error, shown to mediators while the batch waits for its next try. */
  readonly lastError?: string;
}

/** The single record of the places dataset currently in use. */
export const PLACES_META_KEY = 'current';

/** The IndexedDB database of one device. */
export interface RepereDB extends DBSchema {
  /** Questionnaires in progress, autosaved after every answer. */
  sessions: { key: string; value: Session };
  /** Finished results, until the retention delay. */
  results: {
    key: string;
    value: FinishedResult;
    /**
     * By date (retention, the history), and by level, mode, or both, then date: the history's filters read one range
     * of one index, a page at a time, and count without loading a record.
     */
    indexes: {
      'by-finishedAt': string;
      'by-level-finishedAt': [string, string];
      'by-mode-finishedAt': [string, string];
      'by-mode-level-finishedAt': [string, string, string];
    };
  };
  /** Device configuration, one record per setting. */
  settings: { key: string; value: SettingRecord };
  /** Anonymous batches waiting to be sent, sent, or refused. */
  outbox: { key: string; value: OutboxEntry; indexes: { 'by-status': OutboxStatus } };
  /** The help places of the dataset in use. */
  places: { key: string; value: Place; indexes: { 'by-postalCode': string } };
  /** Where the places come from and when they were imported. */
  placesMeta: { key: string; value: PlaceDatasetMeta };
}

export type StoreName = 'sessions' | 'results' | 'settings' | 'outbox' | 'places' | 'placesMeta';

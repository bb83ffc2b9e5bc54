import type { PrecacheEntry } from 'workbox-precaching';

/**
 * What a first session needs, and what may follow it. On a kiosk's first visit the service worker becomes active once
 * the files of a French session are stored (the app shell, the questionnaire, the result and its places); the rest
 * follows right after, in the background: the other languages' messages, the mediator space, the import of a places
 * file, the accessibility statement, the opening-hours library, the communes table, the retention and the sending of
 * counts, the home-screen icons. An update
 * (an older version already active) is installed whole, as before: it waits for the welcome screen anyway, and an
 * offline kiosk must never lose a language it had.
 */
export interface PrecachePlan {
  readonly first: readonly string[];
  readonly later: readonly string[];
}

/** The languages other than French, whose message chunks are named after them (`assets/ar-….js`). */
const LATER_LANGUAGES = ['ar', 'de', 'en', 'es', 'pt', 'tr', 'uk'];
/**
 * Chunks only the mediator space, a places import or the accessibility statement load (their messages are named
 * `mediator-<language>-….js` and `statement-<language>-….js` by vite.config.ts), and the opening-hours library (113 KB
 * compressed: a result shown before it is stored lists its places without their hours).
 */
const LATER_CHUNKS = [
  'mediator',
  'mediator-[a-z]{2}',
  'statement-[a-z]{2}',
  'import-worker',
  'import-places',
  'places-import',
  'run-import-worker',
  'AccessibilityScreen',
  // the hands-on tries: a session that reaches them before they are stored, offline, goes on without them
  'TriesScreen',
  'opening_hours\\.esm',
  // the retention and the sending of counts (app/housekeeping.ts): a new device has nothing to delete or send yet
  'results-history',
  'results-queries',
  'history-range',
  'device-clock',
  'page-sync',
  'sync-cycle',
  'outbox',
];

/** The other languages' questions and results (`journey-<language>-….js`, vite.config.ts); the French ones come first. */
const LATER_JOURNEY = LATER_LANGUAGES.map((language) => `journey-${language}`);

const LATER_ASSET = new RegExp(`^/?assets/(?:${[...LATER_LANGUAGES, ...LATER_JOURNEY, ...LATER_CHUNKS].join('|')})-[\\w-]{8}\\.(?:js|css)$`);
/**
 * What the browser itself fetches to install the app to a home screen (the manifest and its icons), and the communes
 * table (39 KB compressed, a third of what a first session stores): only a search by commune name reads it; a postal
 * code with help places or the device's position finds places without it; a name, or the postal code of a commune
 * without a place, typed before it is stored is not found (said so), and found once it is.
 */
const LATER_FILE = /^\/?(?:icons\/|manifest\.webmanifest$|communes\.json$)/;
/** The entry's style sheet, which the page never asks for: it is inlined into index.html (vite.config.ts). */
const ENTRY_STYLE_SHEET = /^\/?assets\/index-[\w-]{8}\.css$/;

/** Splits the build's precache manifest into what a first session needs and what may follow. */
export function planPrecache(entries: ReadonlyArray<PrecacheEntry | string>): PrecachePlan {
  const first: string[] = [];
  const later: string[] = [];
  for (const entry of entries) {
    const url = typeof entry === 'string' ? entry : entry.url;
    (LATER_ASSET.test(url) || LATER_FILE.test(url) || ENTRY_STYLE_SHEET.test(url) ? later : first).push(url);
  }
  return { first, later };
}

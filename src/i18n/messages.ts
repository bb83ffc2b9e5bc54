import type { Language } from '../domain/language';
import type fr from './locales/fr.json';

export type Messages = typeof fr;

// Every language is its own chunk, precached by the service worker; the first screen is prerendered in French, and
// its French chunk (preloaded) holds only the texts of the welcome screen and what surrounds every screen.
const loaders = import.meta.glob<Messages>('./locales/*.json', { import: 'default' });

/** Loads the messages of one language (the texts around every screen; the journey's and the others' come apart). */
export async function loadMessages(language: Language): Promise<Messages> {
  const load = loaders[`./locales/${language}.json`];
  if (!load) throw new Error(`No messages for ${language}`);
  return load();
}

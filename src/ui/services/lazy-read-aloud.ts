import type { ReadAloud } from './read-aloud';

/**
 * Read-aloud whose code comes at its first use (a tap on the toolbar's speaker, or a device set to read aloud), not
 * with the first screen's script. Nothing can be spoken before `availability` has been asked, which loads it; a
 * module that cannot be loaded (the network cut before it was stored) reads as a device without speech, asked again
 * at the next question.
 */
export function lazyReadAloud(load: () => Promise<ReadAloud>): ReadAloud {
  let loaded: ReadAloud | null = null;
  let loading: Promise<ReadAloud> | null = null;
  const ready = () =>
    (loading ??= load().then(
      (readAloud) => (loaded = readAloud),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  return {
    speak: (text, language) => loaded?.speak(text, language) ?? 'unsupported',
    stop: () => loaded?.stop(),
    availability: (language) => ready().then((readAloud) => readAloud.availability(language), () => 'unsupported' as const),
  };
}

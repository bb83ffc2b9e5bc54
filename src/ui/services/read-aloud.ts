import type { Language } from '../../domain/language';

/** What happened when asked to read aloud: it speaks, this device has no voice for the language, or no speech at all. */
export type SpeakOutcome = 'speaking' | 'noVoice' | 'unsupported';

/** Whether the device can read a language aloud. */
export type SpeechAvailability = 'available' | 'noVoice' | 'unsupported';

export interface ReadAloud {
  speak(text: string, language: Language): SpeakOutcome;
  stop(): void;
  /**
   * Whether this device has a voice for the language. Browsers load their voices after the page: an empty list is
   * waited on (`voiceschanged`) up to VOICES_TIMEOUT_MS before "no voice" is said.
   */
  availability(language: Language): Promise<SpeechAvailability>;
}

/** How long to wait for the device's voices, when it has given none yet. */
export const VOICES_TIMEOUT_MS = 3000;

/** A little slower than the default: people who read badly often listen carefully. */
export const READ_ALOUD_RATE = 0.9;

/** The voice for a language: a local voice of the language first, then any voice of it, else none. */
export function pickVoice(voices: readonly SpeechSynthesisVoice[], language: Language): SpeechSynthesisVoice | null {
  const ofLanguage = voices.filter((v) => v.lang.toLowerCase().split(/[-_]/)[0] === language);
  return ofLanguage.find((v) => v.localService) ?? ofLanguage[0] ?? null;
}

/** Read-aloud over the Web Speech API; `synth` is window.speechSynthesis (or a fake in tests). */
export function createReadAloud(synth: SpeechSynthesis | undefined, timeoutMs = VOICES_TIMEOUT_MS): ReadAloud {
  let voicesLoaded: Promise<void> | null = null;
  const loadVoices = (): Promise<void> => {
    if (!synth || synth.getVoices().length > 0) return Promise.resolve();
    voicesLoaded ??= new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        synth.removeEventListener?.('voiceschanged', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      synth.addEventListener?.('voiceschanged', done);
    }).then(() => {
      // A device whose voices came late, or not at all: ask again next time (they may arrive later still).
      voicesLoaded = null;
    });
    return voicesLoaded;
  };
  return {
    async availability(language) {
      if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return 'unsupported';
      await loadVoices();
      return pickVoice(synth.getVoices(), language) ? 'available' : 'noVoice';
    },
    speak(text, language) {
      if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return 'unsupported';
      const voice = pickVoice(synth.getVoices(), language);
      if (!voice) return 'noVoice';
      synth.cancel();
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = READ_ALOUD_RATE;
      synth.speak(utterance);
      return 'speaking';
    },
    stop() {
      synth?.cancel();
    },
  };
}

import type { Language } from '../../domain/language';

/** What happened when asked to read aloud: it speaks, this device has no voice for the language, or no speech at all. */
export type SpeakOutcome = 'speaking' | 'noVoice' | 'unsupported';

export interface ReadAloud {
  speak(text: string, language: Language): SpeakOutcome;
  stop(): void;
}

/** A little slower than the default: people who read badly often listen carefully. */
export const READ_ALOUD_RATE = 0.9;

/** The voice for a language: a local voice of the language first, then any voice of it, else none. */
export function pickVoice(voices: readonly SpeechSynthesisVoice[], language: Language): SpeechSynthesisVoice | null {
  const ofLanguage = voices.filter((v) => v.lang.toLowerCase().split(/[-_]/)[0] === language);
  return ofLanguage.find((v) => v.localService) ?? ofLanguage[0] ?? null;
}

/** Read-aloud over the Web Speech API; `synth` is window.speechSynthesis (or a fake in tests). */
export function createReadAloud(synth: SpeechSynthesis | undefined): ReadAloud {
  return {
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

/**
 * Readability of French text, for the questionnaire's wording (issue: plain French).
 * Kandel & Moles (1958), the French adaptation of Flesch's reading ease: 207 − 1.015 × (words per sentence) − 73.6 ×
 * (syllables per word). 70 and above reads easily. Syllables are counted the usual way for French: groups of vowels,
 * with the silent final "e" ("-e", "-es") and the verb ending "-ent" not counted. An estimate, not a linguist.
 */

const VOWEL_GROUPS = /[aeiouyàâäéèêëîïôöùûüœæ]+/giu;
const WORD = /[\p{L}\p{N}’'-]+/gu;

/** The syllables of one French word, at least one. */
export function syllables(word: string): number {
  let w = word.toLowerCase().replace(/[’']/g, '');
  // l'école, d'un: the elided letter is gone already; "-es", "-e", "-ent" after a consonant are mute
  if (w.length >= 3) w = w.replace(/([^aeiouyàâäéèêëîïôöùûü])(e|es|ent)$/u, '$1');
  return Math.max(1, (w.match(VOWEL_GROUPS) ?? []).length);
}

/** Sentences of a text: split on . ! ? … ; a text without any counts as one sentence. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+/u)
    .map((s) => s.trim())
    .filter((s) => (s.match(WORD) ?? []).length > 0);
}

export const words = (text: string): string[] => text.match(WORD) ?? [];

/** The Kandel–Moles score of a set of texts taken together (each text at least one sentence). */
export function kandelMoles(texts: readonly string[]): number {
  let sentenceCount = 0;
  let wordCount = 0;
  let syllableCount = 0;
  for (const text of texts) {
    for (const sentence of sentences(text)) {
      const ws = words(sentence);
      sentenceCount += 1;
      wordCount += ws.length;
      syllableCount += ws.reduce((sum, w) => sum + syllables(w), 0);
    }
  }
  if (wordCount === 0) return 100;
  return 207 - 1.015 * (wordCount / sentenceCount) - 73.6 * (syllableCount / wordCount);
}

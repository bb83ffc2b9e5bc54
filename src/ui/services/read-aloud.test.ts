import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReadAloud, pickVoice, READ_ALOUD_RATE } from './read-aloud';

const voice = (lang: string, localService = true) => ({ lang, localService, name: lang }) as SpeechSynthesisVoice;

class FakeUtterance {
  voice: SpeechSynthesisVoice | null = null;
  lang = '';
  rate = 1;
  constructor(readonly text: string) {}
}

afterEach(() => vi.unstubAllGlobals());

describe('read-aloud', () => {
  it('picks a voice of the language, a local one first', () => {
    const voices = [voice('en-GB'), voice('ar-SA', false), voice('ar-EG'), voice('fr_FR')];
    expect(pickVoice(voices, 'ar')?.lang).toBe('ar-EG');
    expect(pickVoice(voices, 'fr')?.lang).toBe('fr_FR');
    expect(pickVoice(voices, 'uk')).toBeNull();
  });

  it('speaks a little slower than default, in the voice of the language, stopping what was being read', () => {
    vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
    const synth = { getVoices: () => [voice('tr-TR')], speak: vi.fn(), cancel: vi.fn() } as unknown as SpeechSynthesis;
    expect(createReadAloud(synth).speak('Merhaba', 'tr')).toBe('speaking');
    expect(synth.cancel).toHaveBeenCalled();
    const spoken = vi.mocked(synth.speak).mock.calls[0]![0] as unknown as FakeUtterance;
    expect(spoken).toMatchObject({ text: 'Merhaba', lang: 'tr-TR', rate: READ_ALOUD_RATE });
  });

  it('says when there is no voice for the language, or no speech at all, instead of failing silently', () => {
    vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
    const synth = { getVoices: () => [voice('fr-FR')], speak: vi.fn(), cancel: vi.fn() } as unknown as SpeechSynthesis;
    expect(createReadAloud(synth).speak('Привіт', 'uk')).toBe('noVoice');
    expect(synth.speak).not.toHaveBeenCalled();
    expect(createReadAloud(undefined).speak('Bonjour', 'fr')).toBe('unsupported');
  });

  it('waits for voices that arrive late (voiceschanged) before saying there is none', async () => {
    vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
    let voices: SpeechSynthesisVoice[] = [];
    const target = new EventTarget();
    const synth = Object.assign(target, { getVoices: () => voices, speak: vi.fn(), cancel: vi.fn() }) as unknown as SpeechSynthesis;
    const readAloud = createReadAloud(synth, 10_000);
    const asked = readAloud.availability('fr');
    voices = [voice('fr-FR')];
    target.dispatchEvent(new Event('voiceschanged'));
    await expect(asked).resolves.toBe('available');
  });

  it('says "no voice" after the timeout when the voices never come, and asks again later', async () => {
    vi.useFakeTimers();
    try {
      vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
      let voices: SpeechSynthesisVoice[] = [];
      const synth = Object.assign(new EventTarget(), { getVoices: () => voices, speak: vi.fn(), cancel: vi.fn() }) as unknown as SpeechSynthesis;
      const readAloud = createReadAloud(synth, 3000);
      const asked = readAloud.availability('ar');
      await vi.advanceTimersByTimeAsync(2999);
      let settled = false;
      void asked.then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await expect(asked).resolves.toBe('noVoice');
      voices = [voice('ar-EG')];
      await expect(readAloud.availability('ar')).resolves.toBe('available');
      // a voice for another language is still no voice for this one
      await expect(readAloud.availability('uk')).resolves.toBe('noVoice');
    } finally {
      vi.useRealTimers();
    }
  });

  it('is unsupported where the browser has no speech at all', async () => {
    await expect(createReadAloud(undefined).availability('fr')).resolves.toBe('unsupported');
  });
});

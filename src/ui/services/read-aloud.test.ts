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
});

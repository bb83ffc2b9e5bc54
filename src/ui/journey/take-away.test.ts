import { describe, expect, it } from 'vitest';
import fr from '../../i18n/journey/fr.json';
import { NEXT_STEPS } from '../../domain/result-summary';
import { QR_MAX_BYTES, fitBytes, placeLine, takeAwayText } from './take-away';

const t = (key: string): string => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], fr) as string;
const bytes = (text: string) => new TextEncoder().encode(text).length;
const place = (name: string) =>
  placeLine({ name, phone: '03 53 48 10 02', street: '3 quai de la Rivière, bâtiment B, 2e étage', commune: 'Besançon' });

describe('the QR code text', () => {
  it('stays within 300 bytes for every next step and long place names, and keeps the level and three places', () => {
    const places = [place('Médiathèque intercommunale du Grand Besançon Métropole'), place('Espace France Services de la Boucle'), place('Cyber-base')];
    for (const step of NEXT_STEPS) {
      const text = takeAwayText({ t, level: 'learning', nextSteps: [step], places });
      expect(bytes(text), step).toBeLessThanOrEqual(QR_MAX_BYTES);
      expect(text.startsWith(t('result.levels.learning'))).toBe(true);
      expect(text.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(3);
      expect(text).toContain('03 53 48 10 02');
    }
  });

  it('cuts on a character, never inside an accented letter', () => {
    expect(fitBytes('éééééé', 7)).toBe('éé…');
    expect(fitBytes('court', 10)).toBe('court');
  });
});

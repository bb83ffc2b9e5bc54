import { describe, expect, it } from 'vitest';
import { REFERENCE_FIGURES, whyNotComparable, type ReferenceFigureId } from './reference-figures';

const OBSERVATORY_IDS: ReferenceFigureId[] = ['eurostatBasicSkillsFrance', 'inseeIllectronismFrance2021', 'inseeIllectronismBfc2019'];

const figure = (id: ReferenceFigureId) => REFERENCE_FIGURES.find((f) => f.id === id);

describe('reference figures', () => {
  it('holds exactly the lines the observatory draws, once each', () => {
    expect(REFERENCE_FIGURES.map((f) => f.id)).toEqual(OBSERVATORY_IDS);
  });

  it.each(REFERENCE_FIGURES.map((f) => [f.id, f] as const))('%s is a share with its year, population and source', (_, f) => {
    expect(f.value).toBeGreaterThan(0);
    expect(f.value).toBeLessThan(1);
    expect(Number.isInteger(f.year)).toBe(true);
    expect(f.year).toBeGreaterThanOrEqual(2019);
    expect(f.label).toContain(String(f.year));
    expect(f.population.trim()).not.toBe('');
    expect(f.definition.trim()).not.toBe('');
    expect(f.source.publisher.trim()).not.toBe('');
    expect(f.source.title.trim()).not.toBe('');
    expect(new URL(f.source.url).protocol).toBe('https:');
    if (f.checkedAt !== undefined) expect(new URL(f.checkedAt).protocol).toBe('https:');
    expect(typeof f.verified).toBe('boolean');
  });

  it('says each survey\'s age scope in its population', () => {
    expect(figure('eurostatBasicSkillsFrance')?.population).toMatch(/16 à 74 ans/);
    expect(figure('inseeIllectronismFrance2021')?.population).toMatch(/15 ans ou plus/);
    expect(figure('inseeIllectronismBfc2019')?.population).toMatch(/15 ans ou plus/);
  });

  it('keeps the two INSEE definitions apart', () => {
    expect(figure('inseeIllectronismFrance2021')?.definition).toMatch(/3 derniers mois/);
    expect(figure('inseeIllectronismBfc2019')?.definition).toMatch(/au cours de l’année/);
  });
});

describe('why the kiosks\' figures are not comparable', () => {
  it('has one sentence for each reference line and no other', () => {
    expect(Object.keys(whyNotComparable).sort()).toEqual([...OBSERVATORY_IDS].sort());
    for (const id of OBSERVATORY_IDS) {
      const sentence = whyNotComparable[id];
      expect(sentence.trim()).not.toBe('');
      expect(sentence.endsWith('.')).toBe(true);
      expect(sentence.slice(0, -1)).not.toMatch(/[.!?]\s/); // one sentence
    }
  });

  it('names what differs: the age scope, or the older definition', () => {
    expect(whyNotComparable.eurostatBasicSkillsFrance).toMatch(/16 à 74 ans/);
    expect(whyNotComparable.inseeIllectronismFrance2021).toMatch(/15 ans ou plus/);
    expect(whyNotComparable.inseeIllectronismBfc2019).toMatch(/2019.*définition/);
  });
});

import { describe, expect, it } from 'vitest';
import { QUESTIONNAIRE } from '../../content/questionnaire';
import { PICTOGRAMS } from './pictograms';

describe('pictograms', () => {
  it('draws every pictogram the questionnaire names', () => {
    const named = QUESTIONNAIRE.questions.flatMap((q) => [q.pictogram, ...q.options.map((o) => o.pictogram)]);
    expect(named.filter((id) => !(id in PICTOGRAMS))).toEqual([]);
  });
});

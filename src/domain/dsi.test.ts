import { describe, expect, it } from 'vitest';
import { atLeastBasic, dsiAreaLevel, dsiOverall, dsiOverallLowerBound, dsiOverallOrUnknown, illectronism, illectronismOrUnknown, type DsiAreaLevel, type DsiAreaLevels } from './dsi';
import { DSI_AREAS } from './questionnaire';

const levels = (...values: DsiAreaLevel[]): DsiAreaLevels => {
  const [information, communication, contentCreation, safety, problemSolving] = values as [
    DsiAreaLevel, DsiAreaLevel, DsiAreaLevel, DsiAreaLevel, DsiAreaLevel,
  ];
  return { information, communication, contentCreation, safety, problemSolving };
};

describe('dsiAreaLevel (Eurostat DSI 2.0 thresholds)', () => {
  it.each([
    ['information', 0, 'none'], ['information', 1, 'basic'], ['information', 2, 'aboveBasic'], ['information', 4, 'aboveBasic'],
    ['communication', 0, 'none'], ['communication', 1, 'basic'], ['communication', 2, 'aboveBasic'],
    ['contentCreation', 0, 'none'], ['contentCreation', 1, 'basic'], ['contentCreation', 2, 'basic'], ['contentCreation', 3, 'aboveBasic'],
    ['safety', 2, 'basic'], ['safety', 3, 'aboveBasic'],
    ['problemSolving', 1, 'basic'], ['problemSolving', 2, 'basic'], ['problemSolving', 3, 'aboveBasic'], ['problemSolving', 7, 'aboveBasic'],
  ] as const)('%s with %i activities is %s', (area, count, expected) => {
    expect(dsiAreaLevel(area, count)).toBe(expected);
  });

  it('refuses a count that is not a natural number', () => {
    expect(() => dsiAreaLevel('safety', -1)).toThrow(RangeError);
    expect(() => dsiAreaLevel('safety', 1.5)).toThrow(RangeError);
    expect(() => dsiAreaLevel('safety', Number.NaN)).toThrow(RangeError);
  });
});

describe('dsiOverall', () => {
  it.each([
    [levels('aboveBasic', 'aboveBasic', 'aboveBasic', 'aboveBasic', 'aboveBasic'), 'aboveBasic'],
    [levels('aboveBasic', 'aboveBasic', 'aboveBasic', 'aboveBasic', 'basic'), 'basic'],
    [levels('basic', 'basic', 'basic', 'basic', 'basic'), 'basic'],
    [levels('aboveBasic', 'aboveBasic', 'aboveBasic', 'aboveBasic', 'none'), 'low'],
    [levels('basic', 'none', 'basic', 'basic', 'none'), 'narrow'],
    [levels('none', 'aboveBasic', 'none', 'basic', 'none'), 'limited'],
    [levels('none', 'aboveBasic', 'none', 'none', 'none'), 'no'],
    [levels('none', 'none', 'none', 'none', 'none'), 'no'],
  ] as const)('%o → %s', (areas, expected) => {
    expect(dsiOverall({ usedInternetLast3Months: true, areas })).toBe(expected);
  });

  it('is not assessed without internet use in the last 3 months, whatever the areas say', () => {
    const all = levels('aboveBasic', 'aboveBasic', 'aboveBasic', 'aboveBasic', 'aboveBasic');
    expect(dsiOverall({ usedInternetLast3Months: false, areas: all })).toBe('notAssessed');
  });
});

describe('illectronism (INSEE)', () => {
  it('counts every non-user', () => {
    expect(illectronism({ usedInternetLast3Months: false, areas: levels('basic', 'basic', 'basic', 'basic', 'basic') })).toBe(true);
  });
  it('counts a user without basic skills in four or five areas, not in three', () => {
    expect(illectronism({ usedInternetLast3Months: true, areas: levels('none', 'none', 'none', 'none', 'none') })).toBe(true);
    expect(illectronism({ usedInternetLast3Months: true, areas: levels('basic', 'none', 'none', 'none', 'none') })).toBe(true);
    expect(illectronism({ usedInternetLast3Months: true, areas: levels('basic', 'aboveBasic', 'none', 'none', 'none') })).toBe(false);
  });
});

describe('atLeastBasic (EU 2030 indicator)', () => {
  it('holds for basic and above basic only', () => {
    const all = ['notAssessed', 'no', 'limited', 'narrow', 'low', 'basic', 'aboveBasic'] as const;
    expect(all.filter(atLeastBasic)).toEqual(['basic', 'aboveBasic']);
  });

  it('every overall level is reachable, and the levels rise with the number of activities', () => {
    const order = ['no', 'limited', 'narrow', 'low', 'basic', 'aboveBasic'];
    let previous = -1;
    for (let n = 0; n <= 3; n += 1) {
      const areas = Object.fromEntries(DSI_AREAS.map((a) => [a, dsiAreaLevel(a, n)])) as DsiAreaLevels;
      const rank = order.indexOf(dsiOverall({ usedInternetLast3Months: true, areas }));
      expect(rank).toBeGreaterThanOrEqual(previous);
      previous = rank;
    }
  });
});

describe('with "I don\'t know" as missing data (docs/SCORING.md)', () => {
  const known = { information: 'basic', communication: 'basic', contentCreation: 'basic', safety: 'basic', problemSolving: 'basic' } as const;

  it('gives the level when the unknown areas cannot change it, unknown otherwise', () => {
    // four areas at none: whatever the fifth, "no overall skills"
    const fourNone = { information: 'none', communication: 'none', contentCreation: 'none', safety: 'none', problemSolving: 'unknown' } as const;
    expect(dsiOverallOrUnknown({ usedInternetLast3Months: true, areas: fourNone })).toBe('no');
    // four basic and one unknown: low or basic, not decided
    expect(dsiOverallOrUnknown({ usedInternetLast3Months: true, areas: { ...known, safety: 'unknown' } })).toBe('unknown');
    expect(dsiOverallLowerBound({ usedInternetLast3Months: true, areas: { ...known, safety: 'unknown' } })).toBe('low');
    expect(dsiOverallOrUnknown({ usedInternetLast3Months: true, areas: known })).toBe('basic');
    expect(dsiOverallOrUnknown({ usedInternetLast3Months: null, areas: known })).toBe('notAssessed');
  });

  it('illectronism is decided by what is known, and "I don\'t know" never makes it true', () => {
    const areas = (none: number, unknown: number) =>
      Object.fromEntries(DSI_AREAS.map((a, i) => [a, i < none ? 'none' : i < none + unknown ? 'unknown' : 'basic'])) as never;
    expect(illectronismOrUnknown({ usedInternetLast3Months: true, areas: areas(4, 1) })).toBe(true);
    expect(illectronismOrUnknown({ usedInternetLast3Months: true, areas: areas(3, 2) })).toBeNull();
    expect(illectronismOrUnknown({ usedInternetLast3Months: true, areas: areas(2, 1) })).toBe(false);
    expect(illectronismOrUnknown({ usedInternetLast3Months: true, areas: areas(0, 5) })).toBeNull();
    expect(illectronismOrUnknown({ usedInternetLast3Months: false, areas: areas(0, 0) })).toBe(true);
    expect(illectronismOrUnknown({ usedInternetLast3Months: null, areas: areas(0, 0) })).toBeNull();
  });
});

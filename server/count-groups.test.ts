import { describe, expect, it } from 'vitest';
import { countResults, countResultsV2 } from '../src/domain/aggregate';
import { COUNT_NAMES, COUNT_NAMES_V2, LAYOUTS } from './count-groups';

/** The dotted names of every number in a counts object, in its order. */
function leaves(value: unknown, at: string[] = []): string[] {
  if (typeof value === 'number') return [at.join('.')];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => leaves(child, [...at, key]));
}

describe('count groups', () => {
  it('are, for each format, exactly the counts the device builds, in its order', () => {
    expect(COUNT_NAMES).toEqual(leaves(countResults([])));
    expect(COUNT_NAMES_V2).toEqual(leaves(countResultsV2([])));
  });

  it('sum the 16-74 DSI to the age bands that are Eurostat’s, and nothing else to a part', () => {
    const subsets = LAYOUTS[2].groups.filter((group) => group.subsetOf);
    expect(subsets.map((group) => [group.path.join('.'), group.subsetOf!.path.join('.'), group.subsetOf!.keys])).toEqual([
      ['dsiOverall16to74', 'ageBand', ['from16to24', 'from25to34', 'from35to44', 'from45to54', 'from55to64', 'from65to74']],
    ]);
    expect(LAYOUTS[1].groups.some((group) => group.subsetOf)).toBe(false);
  });
});

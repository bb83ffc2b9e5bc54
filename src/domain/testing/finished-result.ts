import type { FinishedResult, ResultV2Categories } from '../result';

/**
 * Test builder: a finished result as the device keeps it (categories only) — someone "learning", with basic skills in
 * three areas, naming skills as their barrier — changed by `extra`.
 */
export function aFinishedResult(id: string, finishedAt: string, extra: Partial<FinishedResult> = {}): FinishedResult {
  return {
    id,
    finishedAt,
    mode: 'kiosk',
    language: 'fr',
    questionnaireVersion: '1',
    distanceLevel: 'learning',
    dsiOverall: 'low',
    dsiAreas: { information: 'basic', communication: 'basic', contentCreation: 'none', safety: 'none', problemSolving: 'basic' },
    illectronism: false,
    barriers: ['skills'],
    autonomy: 'partlyAutonomous',
    ageBand: 'from45to54',
    countedInBatch: null,
    ...extra,
  };
}

/**
 * Test builder: a finished result of questionnaire 2 — someone "learning" whose safety area is unknown ("je ne sais
 * pas"), needing help with the CAF, smartphone only — changed by `extra` (and `v2` by `extra.v2`).
 */
export function aV2FinishedResult(
  id: string,
  finishedAt: string,
  extra: Partial<Omit<FinishedResult, 'v2'>> & { v2?: Partial<ResultV2Categories> } = {},
): FinishedResult {
  const { v2, ...rest } = extra;
  return {
    ...aFinishedResult(id, finishedAt),
    questionnaireVersion: '2',
    dsiOverall: 'narrow',
    dsiAreas: { information: 'basic', communication: 'aboveBasic', contentCreation: 'none', safety: 'unknown', problemSolving: 'basic' },
    illectronism: false,
    ...rest,
    v2: {
      lastUse: 'last3Months',
      noUseIn12Months: false,
      mainBarrier: 'skills',
      doesNotWant: false,
      proceduresStatus: 'partlyAutonomous',
      organisms: ['caf'],
      services: ['Aide aux démarches administratives', 'Maîtrise des outils numériques du quotidien'],
      delegation: false,
      deviceProfile: 'smartphoneOnly',
      ...v2,
    },
  };
}

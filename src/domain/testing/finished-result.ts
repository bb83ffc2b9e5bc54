import type { FinishedResult } from '../result';

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

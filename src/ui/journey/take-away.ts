import type { DistanceResult } from '../../domain/result';
import type { NextStep } from '../../domain/result-summary';

/**
 * The result as plain text, for the QR code (a phone camera shows it without any network) and the same words as the
 * printed page: the level, the next steps, and the places when there are some.
 */
export function takeAwayText(input: {
  t: (key: string) => string;
  level: DistanceResult;
  nextSteps: readonly NextStep[];
  places: readonly string[];
}): string {
  const { t } = input;
  const lines = [
    t('result.qrHeading'),
    `${t(`result.levels.${input.level}`)}`,
    '',
    `${t('result.nextStepsTitle')} :`,
    ...input.nextSteps.map((step) => `- ${t(`result.nextSteps.${step}`)}`),
  ];
  if (input.places.length > 0) lines.push('', `${t('result.placesTitle')} :`, ...input.places.map((p) => `- ${p}`));
  return lines.join('\n');
}

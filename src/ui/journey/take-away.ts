import type { DistanceResult } from '../../domain/result';
import type { NextStep } from '../../domain/result-summary';

/**
 * At most this many bytes of UTF-8 in the QR code: small enough (version 13 or less at error correction M) for a
 * phone held in front of the screen to read it (issue: a take-away that works).
 */
export const QR_MAX_BYTES = 300;
/** The places the QR code carries at most: the three first. */
export const QR_MAX_PLACES = 3;

const bytes = (text: string) => new TextEncoder().encode(text).length;

/** Cuts a text to fit `max` bytes, on a character boundary, with an ellipsis when it was cut. */
export function fitBytes(text: string, max: number): string {
  if (bytes(text) <= max) return text;
  const chars = [...text];
  while (chars.length > 0 && bytes(`${chars.join('')}…`) > max) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** The places carried: each line at most this many bytes (name, phone, then the address, cut at its end if need be). */
export const QR_PLACE_BYTES = 80;

/**
 * The result as plain text, for the QR code (a phone camera shows it without any network): the level, the three first
 * places (name, phone, address), and the first next step in the room left, within QR_MAX_BYTES.
 */
export function takeAwayText(input: {
  t: (key: string) => string;
  level: DistanceResult;
  nextSteps: readonly NextStep[];
  places: readonly string[];
}): string {
  const { t } = input;
  const head = fitBytes(t(`result.levels.${input.level}`), 40);
  const places = input.places.slice(0, QR_MAX_PLACES).map((line) => `- ${fitBytes(line, QR_PLACE_BYTES)}`);
  const room = QR_MAX_BYTES - bytes([head, ...places].join('\n')) - 1;
  const step = input.nextSteps[0] ? t(`result.nextSteps.${input.nextSteps[0]}`) : '';
  const lines = step && room >= 24 ? [head, fitBytes(step, room), ...places] : [head, ...places];
  return lines.join('\n');
}

/** One place as the QR code carries it: its name (shortened), phone, then address, which is cut first. */
export function placeLine(place: { name: string; phone: string | null; street: string; commune: string }): string {
  return [fitBytes(place.name, 30), place.phone, `${place.street}, ${place.commune}`].filter(Boolean).join(' ; ');
}

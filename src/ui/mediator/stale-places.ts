import type { PlaceDatasetMeta } from '../../domain/place';

/** "Les lieux datent de mai 2022 : mettez-les à jour." — the month of the freshest place, in the mediator's language. */
export function staleText(meta: PlaceDatasetMeta, t: (key: string, values?: Record<string, string>) => string, language: string): string {
  const date = new Date(meta.updatedAt ? `${meta.updatedAt.slice(0, 10)}T12:00:00Z` : meta.importedAt);
  const month = new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  return t('mediator.settings.places.stale', { month });
}

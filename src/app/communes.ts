import { appUrl } from './app-base';
import { communeFromRow, type Commune, type CommuneRow } from '../domain/place-search';

/**
 * The communes table shipped with the build (communes.json, precached): read once, when a person first types a
 * commune's name. An empty list when it cannot be read: postal codes still work.
 */
export function communesLoader(fetcher: typeof fetch, url = appUrl('communes.json')): () => Promise<readonly Commune[]> {
  let pending: Promise<readonly Commune[]> | null = null;
  return () => {
    pending ??= fetcher(url)
      .then((response) => (response.ok ? (response.json() as Promise<unknown>) : []))
      .then((rows) => (Array.isArray(rows) ? (rows as CommuneRow[]).filter((row) => Array.isArray(row) && row.length === 4).map(communeFromRow) : []))
      .catch(() => {
        pending = null;
        return [];
      });
    return pending;
  };
}

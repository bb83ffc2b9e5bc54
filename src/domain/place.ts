/**
 * A help place (lieu de médiation numérique), reduced to what Repère shows and matches on.
 * Service names use the exact values of the national standard's `services` field (standard-mediation-num v1.0.2).
 */
export interface Place {
  /** Source and id in that source, e.g. "demo:1" or "anct:3f2a…", unique across datasets. */
  readonly id: string;
  readonly name: string;
  readonly street: string;
  readonly postalCode: string;
  readonly commune: string;
  readonly inseeCode: string | null;
  /** WGS 84; null when the source had none (such places are listed last). */
  readonly lat: number | null;
  readonly lon: number | null;
  readonly services: readonly string[];
  /** Exact values of the standard's `prise_en_charge_specifique`, when the source gives them. */
  readonly specificSupport?: readonly string[];
  readonly phone: string | null;
  readonly website: string | null;
  /** OpenStreetMap `opening_hours` string, or null when the source gave none. */
  readonly openingHours: string | null;
  /** ISO date the source last updated the place; null when unknown (missing, or a 1970 placeholder). */
  readonly updatedAt?: string | null;
  /** "Ce lieu n'accueille pas de public": kept in the dataset, never suggested. */
  readonly noPublic?: boolean;
  /** The hours as the source wrote them, when they differ from `openingHours` (converted, or unreadable). */
  readonly openingHoursRaw?: string;
  /** `frais_a_charge`: Gratuit, Gratuit sous condition, Payant. Absent when the source does not say. */
  readonly fees?: readonly string[];
  /** `modalites_acces`: Se présenter, Téléphoner, Prendre un RDV en ligne… */
  readonly accessModes?: readonly string[];
  /** `modalites_accompagnement`: En autonomie, Accompagnement individuel, Dans un atelier collectif, À distance. */
  readonly supportModes?: readonly string[];
  /** `dispositif_programmes_nationaux`: France Services, Conseillers numériques, Aidants Connect… */
  readonly programmes?: readonly string[];
  readonly email?: string;
  /** Where to book an appointment online (`prise_rdv`). */
  readonly bookingUrl?: string;
  /** A bus or a mediator on the move (`itinerance` Itinérant): the address is one of its stops. */
  readonly itinerant?: boolean;
  /** Who published the place (`source`), when the file says. */
  readonly publisher?: string;
  /** `typologie` codes (ML, PIJ_BIJ, FT, RFS, BIB…): what kind of structure it is. */
  readonly typology?: readonly string[];
  /** v1 `publics_specifiquement_adresses` (Jeunes, Seniors…): publics addressed, others welcome too. Raw values. */
  readonly publics?: readonly string[];
  /** v0.1 `publics_accueillis` (Jeunes (16-26 ans), Adultes…): who is welcomed. Raw values. */
  readonly welcomes?: readonly string[];
}

/** The fee value that means a person pays nothing. */
export const FREE = 'Gratuit';
/** The access mode of places that take appointments online. */
export const ONLINE_BOOKING = 'Prendre un RDV en ligne';

/** True when the place says it is free (without conditions). */
export const isFree = (place: Place): boolean => place.fees?.includes(FREE) ?? false;
/** A web link (the app checks it fully with `URL` before drawing it: src/places/safe-links.ts). */
const WEB_LINK = /^\s*https?:\/\//i;
/** True when the place takes appointments online: a web booking link, or the access mode. */
export const booksOnline = (place: Place): boolean =>
  (place.bookingUrl !== undefined && WEB_LINK.test(place.bookingUrl)) || (place.accessModes?.includes(ONLINE_BOOKING) ?? false);

/** What a dataset of places is and where it comes from, shown to mediators next to the place count. */
export interface PlaceDatasetMeta {
  readonly source: string;
  /** True for the small invented dataset that ships with the app: the UI must say so. */
  readonly fictional: boolean;
  readonly importedAt: string;
  readonly updatedAt: string | null;
  readonly count: number;
  readonly licence: string;
  /** Where a mediator asked the device to refresh the dataset from, with the validators of the last answer. */
  readonly sourceUrl?: string;
  readonly etag?: string;
  readonly lastModified?: string;
}

/** A places dataset older than this is flagged to the mediator (docs/PLACES.md, "Data freshness"). */
export const STALE_AFTER_MONTHS = 12;

/**
 * True when a real dataset's freshest place was updated more than 12 months before `now` (or, when no place gives a
 * date, when it was imported that long ago). The fictional demo set is never "stale": it says it is fictional.
 */
export function isDatasetStale(meta: PlaceDatasetMeta, now: Date): boolean {
  if (meta.fictional) return false;
  const since = Date.parse(meta.updatedAt ?? meta.importedAt);
  if (Number.isNaN(since)) return false;
  const limit = new Date(now);
  limit.setUTCMonth(limit.getUTCMonth() - STALE_AFTER_MONTHS);
  return since < limit.getTime();
}

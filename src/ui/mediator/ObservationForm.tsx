import { useId, useState } from 'preact/hooks';
import { saveObservation } from '../../app/results-history';
import {
  ACTIVITY_TYPES,
  DURATIONS_MINUTES,
  EQUIPMENT,
  PLACE_TYPES,
  REFERRALS,
  THEMES,
  TRIES_MATCHES,
  withAllFields,
  type FullObservation,
  type Observation,
  type Theme,
} from '../../domain/observation';
import { AUTONOMY_LEVELS } from '../../domain/score-profile';
import { StorageError } from '../../storage/errors';
import { useI18n } from '../hooks/use-i18n';
import type { MediatorServices } from './mediator-services';

export interface ObservationFormProps {
  readonly services: MediatorServices;
  readonly resultId: string | null;
  /** The observation already kept with the result (editing it later, from the history); none for a new one. */
  readonly initial?: Observation;
  /** Told once the observation is stored, with what was stored. */
  readonly onSaved?: (observation: Observation) => void;
  /** Some hands-on try was done: the mediator is asked whether the tries matched what they saw (docs/TRIES.md). */
  readonly triesTaken?: boolean;
}

type Status = 'saved' | 'failed' | 'full' | 'gone' | null;

/** "1 h 30" for 90: how a mediator says a duration. */
function durationText(minutes: number, t: (key: string, values?: Record<string, unknown>) => string): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('mediator.observation.minutes', { minutes: rest });
  return rest === 0 ? t('mediator.observation.hours', { hours }) : t('mediator.observation.hoursMinutes', { hours, minutes: rest });
}

/**
 * What the mediator saw during the guided session, as the activity reports of La Coop ask for it: the autonomy (the 3
 * levels), the themes worked on, the kind of session, its duration, where, the equipment used or lent, and a referral
 * made. Closed choices only: there is no free-text field about the person. Editable later from the history; the date
 * of the last change is kept, not who made it.
 */
export function ObservationForm({ services, resultId, initial, onSaved, triesTaken = false }: ObservationFormProps) {
  const { t, language } = useI18n();
  const id = useId();
  const [value, setValue] = useState<FullObservation>(() => withAllFields(initial ?? { autonomy: null, themes: [] }));
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const change = (next: Partial<FullObservation>) => {
    setStatus(null);
    setValue((current) => ({ ...current, ...next }));
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!resultId) return setStatus('failed');
    setBusy(true);
    const { updatedAt: _previous, ...observation } = value;
    const now = services.now();
    try {
      const kept = await saveObservation(services.storage, resultId, observation, now);
      setStatus(kept ? 'saved' : 'gone');
      if (kept) {
        setValue((current) => ({ ...current, updatedAt: now.toISOString() }));
        onSaved?.({ ...observation, updatedAt: now.toISOString() });
      }
    } catch (error) {
      // Nothing was written: the form keeps what the mediator ticked, to try again.
      setStatus(error instanceof StorageError && error.reason === 'quota' ? 'full' : 'failed');
    } finally {
      setBusy(false);
    }
  };

  const radios = <T extends string | number>(
    name: string,
    legend: string,
    choices: readonly T[],
    current: T | null,
    label: (choice: T) => string,
    set: (choice: T | null) => void,
    noneLabel = t('mediator.observation.notSaid'),
  ) => (
    <fieldset class="observation-choices">
      <legend>{legend}</legend>
      {[...choices, null].map((choice) => (
        <label key={String(choice)} class="choice">
          <input type="radio" name={`${id}-${name}`} checked={current === choice} onChange={() => set(choice)} />
          {choice === null ? noneLabel : label(choice)}
        </label>
      ))}
    </fieldset>
  );

  const changedAt = value.updatedAt
    ? new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(value.updatedAt))
    : null;

  return (
    <form class="observation-form" onSubmit={(event) => void save(event)}>
      {radios(
        'autonomy',
        t('mediator.observation.autonomy'),
        AUTONOMY_LEVELS,
        value.autonomy,
        (level) => t(`mediator.autonomy.${level}`),
        (autonomy) => change({ autonomy }),
        t('mediator.observation.notObserved'),
      )}
      <fieldset>
        <legend>{t('mediator.observation.themes')}</legend>
        <div class="theme-grid">
          {THEMES.map((theme: Theme) => (
            <label key={theme} class="choice">
              <input
                type="checkbox"
                checked={value.themes.includes(theme)}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  change({ themes: THEMES.filter((other) => (other === theme ? on : value.themes.includes(other))) });
                }}
              />
              {t(`mediator.themes.${theme}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {radios('activity', t('mediator.observation.activityType'), ACTIVITY_TYPES, value.activityType, (type) => t(`mediator.observation.activityTypes.${type}`), (activityType) =>
        change({ activityType }),
      )}
      {radios('duration', t('mediator.observation.duration'), DURATIONS_MINUTES, value.durationMinutes, (minutes) => durationText(minutes, t), (durationMinutes) =>
        change({ durationMinutes }),
      )}
      {radios('place', t('mediator.observation.placeType'), PLACE_TYPES, value.placeType, (place) => t(`mediator.observation.placeTypes.${place}`), (placeType) =>
        change({ placeType }),
      )}
      <fieldset class="observation-choices">
        <legend>{t('mediator.observation.equipment')}</legend>
        {EQUIPMENT.map((item) => (
          <label key={item} class="choice">
            <input
              type="checkbox"
              checked={value.equipment.includes(item)}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                // "No equipment" and a piece of equipment do not go together.
                const kept = value.equipment.filter((other) => (item === 'none' ? false : other !== 'none'));
                change({ equipment: EQUIPMENT.filter((other) => (other === item ? on : kept.includes(other))) });
              }}
            />
            {t(`mediator.observation.equipmentItems.${item}`)}
          </label>
        ))}
      </fieldset>
      {radios('referral', t('mediator.observation.referral'), REFERRALS, value.referral, (referral) => t(`mediator.observation.referrals.${referral}`), (referral) =>
        change({ referral }),
      )}
      {triesTaken
        ? radios('tries', t('mediator.observation.triesMatched'), TRIES_MATCHES, value.triesMatched, (match) => t(`mediator.observation.triesMatches.${match}`), (triesMatched) =>
            change({ triesMatched }),
          )
        : null}
      <button type="submit" class="btn btn-primary" aria-busy={busy ? 'true' : undefined}>
        {t('mediator.observation.save')}
      </button>
      <p role="status" class="gentle">
        {status ? t(`mediator.observation.${status}`) : null}
      </p>
      {changedAt ? <p class="observation-changed">{t('mediator.observation.changedAt', { date: changedAt })}</p> : null}
    </form>
  );
}

import { useState } from 'preact/hooks';
import { saveObservation } from '../../app/results-history';
import { THEMES, type Theme } from '../../domain/observation';
import { AUTONOMY_LEVELS, type AutonomyLevel } from '../../domain/score-profile';
import { useI18n } from '../hooks/use-i18n';
import type { MediatorServices } from './mediator-services';

/**
 * What the mediator saw during the guided session: the autonomy level (the 3 levels of activity reports) and the
 * themes worked on. Categories only: there is no free-text field about the person.
 */
export function ObservationForm({ services, resultId }: { services: MediatorServices; resultId: string | null }) {
  const { t } = useI18n();
  const [autonomy, setAutonomy] = useState<AutonomyLevel | null>(null);
  const [themes, setThemes] = useState<readonly Theme[]>([]);
  const [status, setStatus] = useState<'saved' | 'failed' | 'gone' | null>(null);

  const toggle = (theme: Theme, on: boolean) => {
    setStatus(null);
    setThemes((current) => THEMES.filter((t2) => (t2 === theme ? on : current.includes(t2))));
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (!resultId) return setStatus('failed');
    try {
      setStatus((await saveObservation(services.storage, resultId, { autonomy, themes })) ? 'saved' : 'gone');
    } catch {
      setStatus('failed');
    }
  };

  return (
    <form class="observation-form" onSubmit={(event) => void save(event)}>
      <fieldset>
        <legend>{t('mediator.observation.autonomy')}</legend>
        {[...AUTONOMY_LEVELS, null].map((level) => (
          <label key={level ?? 'none'} class="choice">
            <input
              type="radio"
              name="observed-autonomy"
              checked={autonomy === level}
              onChange={() => {
                setStatus(null);
                setAutonomy(level);
              }}
            />
            {level ? t(`mediator.autonomy.${level}`) : t('mediator.observation.notObserved')}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('mediator.observation.themes')}</legend>
        <div class="theme-grid">
          {THEMES.map((theme) => (
            <label key={theme} class="choice">
              <input type="checkbox" checked={themes.includes(theme)} onChange={(event) => toggle(theme, event.currentTarget.checked)} />
              {t(`mediator.themes.${theme}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" class="btn btn-primary">
        {t('mediator.observation.save')}
      </button>
      <p role="status" class="gentle">
        {status ? t(`mediator.observation.${status}`) : null}
      </p>
    </form>
  );
}

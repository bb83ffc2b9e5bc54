import { useEffect, useMemo, useState } from 'preact/hooks';
import { confirmDeviceDate, readDeviceClock, type ClockCheck } from '../../app/device-clock';
import { applyRetention } from '../../app/results-history';
import { useI18n } from '../hooks/use-i18n';
import type { MediatorServices } from './mediator-services';

export interface ClockNoticeProps {
  readonly services: MediatorServices;
}

type Answer = 'idle' | 'saving' | 'confirmed' | 'failed';

/**
 * "La date de l'appareil est-elle juste ?" — shown on the mediator home while the device's clock reads before the
 * latest time it has seen, or far after it (domain/clock-trust.ts): meanwhile nothing is deleted and no batch is built.
 * "Oui, elle est juste" takes the date as right and runs the waiting work at once; otherwise the mediator puts the
 * device's own date right, and the work runs at its next check.
 */
export function ClockNotice({ services }: ClockNoticeProps) {
  const { t, language } = useI18n();
  const [check, setCheck] = useState<ClockCheck | null>(null);
  const [answer, setAnswer] = useState<Answer>('idle');
  const date = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: 'long' }), [language]);
  const deps = { storage: services.storage, now: services.now };

  useEffect(() => {
    void readDeviceClock(deps).then(setCheck, () => setCheck(null));
  }, [services.storage]);

  const confirm = async () => {
    if (answer === 'saving') return;
    setAnswer('saving');
    try {
      await confirmDeviceDate(deps);
      setAnswer('confirmed');
    } catch {
      setAnswer('failed');
      return;
    }
    // The work that waited for a date to trust: the purge now, the batches with the next round.
    await applyRetention({ ...deps, retentionDays: services.settings.retentionDays }).catch(() => undefined);
    void services.syncNow().catch(() => undefined);
  };

  if (answer === 'confirmed' && check) {
    return (
      <p class="gentle" role="status">
        {t('mediator.home.clock.confirmed', { now: date.format(check.now) })}
      </p>
    );
  }
  if (!check || check.trust === 'plausible' || !check.latestSeen) return null;
  const values = { now: date.format(check.now), seen: date.format(check.latestSeen) };
  return (
    <section class="clock-notice" aria-labelledby="clock-question">
      <p id="clock-question" class="settings-warning">
        <strong>{t('mediator.home.clock.question', values)}</strong>{' '}
        {t(check.trust === 'behind' ? 'mediator.home.clock.behind' : 'mediator.home.clock.farAhead', values)}
      </p>
      <p class="gentle">{t('mediator.home.clock.fixHint')}</p>
      <button type="button" class="btn btn-secondary" onClick={() => void confirm()} aria-busy={answer === 'saving' ? 'true' : undefined}>
        {t('mediator.home.clock.confirm')}
      </button>
      {answer === 'failed' ? (
        <p class="settings-error" role="alert">
          {t('mediator.home.clock.failed')}
        </p>
      ) : null}
    </section>
  );
}

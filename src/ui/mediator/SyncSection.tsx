import { Send } from 'lucide';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { readSyncStatus, type SyncCycleOutcome, type SyncStatus } from '../../sync/sync-cycle';
import { Icon } from '../components/Icon';
import { useI18n } from '../hooks/use-i18n';
import type { MediatorServices } from './mediator-services';

export interface SyncSectionProps {
  readonly services: MediatorServices;
}

type Notice = { readonly key: string; readonly values?: Record<string, string> } | null;

/**
 * Where sending the anonymous counts stands: the last batch the collector took, the batches waiting, the last error,
 * the batches it refused and why; and "send now". Says in plain words what leaves the device.
 */
export function SyncSection({ services }: SyncSectionProps) {
  const { t, language } = useI18n();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const storage = services.storage;
  const numbers = useMemo(() => new Intl.NumberFormat(language), [language]);
  const instant = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }), [language]);

  const refresh = () =>
    readSyncStatus(storage)
      .then((read) => {
        setStatus(read);
        setUnreadable(false);
      })
      .catch(() => setUnreadable(true));

  useEffect(() => {
    void refresh();
  }, [storage]);

  const describe = (outcome: SyncCycleOutcome | null): Notice => {
    if (outcome === null) return { key: 'mediator.settings.syncStatus.outcomes.unavailable' };
    if (outcome.kind === 'off') return { key: 'mediator.settings.syncStatus.outcomes.off' };
    if (outcome.kind === 'busy') return { key: 'mediator.settings.syncStatus.outcomes.busy' };
    const { sent, retrying, refused } = outcome.flush;
    if (outcome.clock !== 'plausible') return { key: 'mediator.settings.syncStatus.outcomes.clockHeld', values: { sent: numbers.format(sent) } };
    if (sent + retrying + refused === 0) {
      return { key: 'mediator.settings.syncStatus.outcomes.nothing', values: { waiting: numbers.format(outcome.waitingResults) } };
    }
    return {
      key: 'mediator.settings.syncStatus.outcomes.done',
      values: { sent: numbers.format(sent), retrying: numbers.format(retrying), refused: numbers.format(refused) },
    };
  };

  const sendNow = async () => {
    if (sending) return;
    setSending(true);
    setNotice(null);
    try {
      setNotice(describe(await services.syncNow()));
    } catch {
      setNotice({ key: 'mediator.settings.syncStatus.outcomes.failed' });
    } finally {
      setSending(false);
      await refresh();
    }
  };

  const formatInstant = (value: string) => {
    const time = Date.parse(value);
    return Number.isNaN(time) ? value : instant.format(new Date(time));
  };

  return (
    <section class="settings-section" aria-labelledby="settings-sync-status-title">
      <h2 id="settings-sync-status-title">{t('mediator.settings.syncStatus.title')}</h2>
      <p>{t('mediator.settings.sync.whatIsSent')}</p>
      {unreadable ? (
        <p class="settings-error">{t('mediator.settings.syncStatus.unreadable')}</p>
      ) : status === null ? (
        <p aria-busy="true">{t('mediator.settings.syncStatus.loading')}</p>
      ) : (
        <>
          <dl class="settings-facts">
            <div>
              <dt>{t('mediator.settings.syncStatus.lastSent')}</dt>
              <dd>{status.lastSentAt ? formatInstant(status.lastSentAt) : t('mediator.settings.syncStatus.never')}</dd>
            </div>
            <div>
              <dt>{t('mediator.settings.syncStatus.waiting')}</dt>
              <dd>{numbers.format(status.waiting)}</dd>
            </div>
            {status.lastError ? (
              <div>
                <dt>{t('mediator.settings.syncStatus.lastError')}</dt>
                <dd>
                  <bdi>{status.lastError}</bdi>
                </dd>
              </div>
            ) : null}
          </dl>
          {status.refused.length > 0 ? (
            <>
              <h3>{t('mediator.settings.syncStatus.refusedTitle')}</h3>
              <p class="settings-hint">{t('mediator.settings.syncStatus.refusedHint')}</p>
              <ul class="settings-refused">
                {status.refused.map((entry) => (
                  <li key={entry.id}>
                    {t('mediator.settings.syncStatus.refusedWeeks')} <bdi dir="ltr">{entry.weeks}</bdi>
                    {' — '}
                    {entry.refusedReason ? <bdi>{entry.refusedReason}</bdi> : t('mediator.settings.syncStatus.noReason')}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
      <div class="settings-actions">
        <button
          type="button"
          class="btn btn-primary settings-icon-btn"
          aria-busy={sending ? 'true' : undefined}
          aria-disabled={sending ? 'true' : undefined}
          onClick={() => void sendNow()}
        >
          <Icon icon={Send} size={24} class="flip-rtl" />
          <span>{t('mediator.settings.syncStatus.sendNow')}</span>
        </button>
      </div>
      <p class="settings-notice" role="status">
        {sending ? t('mediator.settings.syncStatus.sending') : notice ? t(notice.key, notice.values) : null}
      </p>
    </section>
  );
}

import { useI18n } from '../hooks/use-i18n';

export type SaveProblem = 'quota' | 'unknown' | null;

export interface NoticeBarProps {
  readonly memoryOnly: boolean;
  readonly saveProblem: SaveProblem;
  readonly stale: boolean;
  readonly onReload: () => void;
}

/**
 * What the device could not do for the person, said plainly: it keeps nothing (private mode), it is full, or a newer
 * Repère opened elsewhere. The discreet notice is a status; the others need attention and are alerts.
 */
export function NoticeBar({ memoryOnly, saveProblem, stale, onReload }: NoticeBarProps) {
  const { t } = useI18n();
  return (
    <div class="notices">
      <div role="status" class="notice notice-quiet" hidden={!memoryOnly}>
        {memoryOnly ? t('notices.memoryOnly') : null}
      </div>
      <div role="alert" class="notice-alerts">
        {saveProblem ? (
          <p class="notice notice-warning">
            {saveProblem === 'quota' ? t('notices.storageFull') : t('notices.storageFailed')}
          </p>
        ) : null}
        {stale ? (
          <p class="notice notice-warning">
            {t('notices.stale')}{' '}
            <button type="button" class="btn btn-secondary" onClick={onReload}>
              {t('notices.reload')}
            </button>
          </p>
        ) : null}
      </div>
    </div>
  );
}

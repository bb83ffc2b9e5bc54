import { X } from 'lucide';
import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Icon } from '../components/Icon';
import { useI18n } from '../hooks/use-i18n';

/** "Arrêter et effacer", on the questions and the tries: the person leaves now, after a confirmation. */
export function StopAndErase({ onStop }: { readonly onStop: () => void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" class="btn btn-secondary btn-stop" onClick={() => setConfirming(true)}>
        <Icon icon={X} size={24} />
        <span>{t('question.stop')}</span>
      </button>
      <ConfirmDialog
        open={confirming}
        title={t('question.stopTitle')}
        body={t('question.stopBody')}
        confirmLabel={t('question.stopConfirm')}
        cancelLabel={t('question.stopCancel')}
        onConfirm={() => {
          setConfirming(false);
          onStop();
        }}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}

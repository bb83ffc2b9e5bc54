import { MessageSquare, Smartphone } from 'lucide';
import { useRef, useState } from 'preact/hooks';
import { SCAM_MESSAGES, type ScamMessageId, type TryRecord } from '../../../domain/tries';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../hooks/use-i18n';

/**
 * "Repérer une arnaque": three messages on a phone drawn for the app (no real brand, no real address), one after the
 * other, each answered "Je clique" or "Je ne clique pas". No right or wrong is said during the try.
 */
export function ScamTry({ onDone, speak }: { readonly onDone: (record: TryRecord) => void; readonly speak: ((text: string) => void) | null }) {
  const { t } = useI18n();
  const started = useRef(performance.now());
  const [index, setIndex] = useState(0);
  const answers = useRef<Partial<Record<ScamMessageId, 'click' | 'noClick'>>>({});
  const message = SCAM_MESSAGES[index] ?? SCAM_MESSAGES[0];
  const key = `tries.scam.messages.${message.id}`;
  const answer = (value: 'click' | 'noClick') => {
    answers.current = { ...answers.current, [message.id]: value };
    if (index + 1 < SCAM_MESSAGES.length) {
      setIndex(index + 1);
      return;
    }
    onDone({
      kind: 'scam',
      answers: answers.current as Record<ScamMessageId, 'click' | 'noClick'>,
      durationMs: Math.round(performance.now() - started.current),
    });
  };
  return (
    <div class="scam-try">
      <p class="scam-count" aria-live="polite">
        {t('tries.scam.count', { n: index + 1, total: SCAM_MESSAGES.length })}
      </p>
      <figure class="phone" aria-labelledby={`scam-from-${message.id}`}>
        <div class="phone-bar" aria-hidden="true">
          <Icon icon={Smartphone} size={20} />
        </div>
        <div class="phone-message">
          <p class="phone-from" id={`scam-from-${message.id}`}>
            <Icon icon={MessageSquare} size={20} />
            <span>{t(`${key}.from`)}</span>
          </p>
          <p class="phone-text">{t(`${key}.text`)}</p>
          <p class="phone-link" dir="ltr">
            {t(`${key}.link`)}
          </p>
        </div>
      </figure>
      {speak ? (
        <button type="button" class="btn btn-text" onClick={() => speak([t(`${key}.from`), t(`${key}.text`)].join('. '))}>
          {t('tries.scam.listen')}
        </button>
      ) : null}
      <div class="try-choices">
        <button type="button" class="btn btn-secondary" onClick={() => answer('click')}>
          {t('tries.scam.click')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={() => answer('noClick')}>
          {t('tries.scam.noClick')}
        </button>
      </div>
    </div>
  );
}

import { useRef, useState } from 'preact/hooks';
import { WRITE_MODEL, writeMatches, type TryRecord } from '../../../domain/tries';
import { useI18n } from '../../hooks/use-i18n';

/**
 * "Écrire": copy "LILAS 21" with the on-screen keyboard (letters, then the digits). What is typed is compared here and
 * forgotten: only "matched" and the number of corrections are recorded.
 */
export function WriteTry({ onDone }: { readonly onDone: (record: TryRecord) => void }) {
  const { t } = useI18n();
  const started = useRef(performance.now());
  const corrections = useRef(0);
  const [typed, setTyped] = useState('');
  return (
    <form
      class="write-try"
      onSubmit={(event) => {
        event.preventDefault();
        onDone({ kind: 'write', matched: writeMatches(typed), corrections: corrections.current, durationMs: Math.round(performance.now() - started.current) });
      }}
      noValidate
    >
      <p class="write-model" dir="ltr" aria-label={t('tries.write.modelLabel', { model: WRITE_MODEL })}>
        {WRITE_MODEL}
      </p>
      <label class="field">
        <span>{t('tries.write.label')}</span>
        <input
          type="text"
          dir="ltr"
          value={typed}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellcheck={false}
          enterKeyHint="done"
          onInput={(event) => {
            if ((event as InputEvent).inputType?.startsWith('delete')) corrections.current += 1;
            setTyped((event.currentTarget as HTMLInputElement).value);
          }}
        />
      </label>
      <button type="submit" class="btn btn-primary">
        {t('tries.write.done')}
      </button>
    </form>
  );
}

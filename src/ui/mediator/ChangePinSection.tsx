import { useRef, useState } from 'preact/hooks';
import { changePin, currentPinPage, storagePinStore } from '../../app/mediator-pin';
import { MIN_PIN_LENGTH } from '../../domain/pin-lockout';
import { useI18n } from '../hooks/use-i18n';
import type { MediatorServices } from './mediator-services';
import { describedBy } from './settings-fields';

export interface ChangePinSectionProps {
  readonly services: MediatorServices;
}

type PinInput = 'current' | 'next' | 'confirm';
type Problem = { readonly input: PinInput; readonly key: string; readonly values?: Record<string, string | number> } | null;

const INPUT_IDS: Readonly<Record<PinInput, string>> = {
  current: 'settings-pin-current',
  next: 'settings-pin-new',
  confirm: 'settings-pin-confirm',
};

/**
 * Changing the mediator space's PIN: the current one first (a wrong one counts towards the lock-out like at the
 * door), then the new one twice. Only a salted hash is kept.
 */
export function ChangePinSection({ services }: ChangePinSectionProps) {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<PinInput, string>>({ current: '', next: '', confirm: '' });
  const [problem, setProblem] = useState<Problem>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const inputs = {
    current: useRef<HTMLInputElement>(null),
    next: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };

  const refuse = (next: NonNullable<Problem>) => {
    setProblem(next);
    // After the message is painted, so a screen reader reads it with the field.
    setTimeout(() => inputs[next.input].current?.focus(), 0);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setDone(false);
    setProblem(null);
    if (values.next !== values.confirm) {
      refuse({ input: 'confirm', key: 'mediator.settings.pin.mismatch' });
      return;
    }
    setBusy(true);
    try {
      const result = await changePin({ store: storagePinStore(services.storage), now: services.now, page: currentPinPage() }, values.current, values.next);
      if (result.ok) {
        setValues({ current: '', next: '', confirm: '' });
        setDone(true);
      } else if (result.reason === 'invalidFormat') {
        refuse({ input: 'next', key: `mediator.settings.pin.${result.error}`, values: { min: MIN_PIN_LENGTH } });
      } else if (result.reason === 'locked') {
        setValues((v) => ({ ...v, current: '' }));
        const minutes = Math.max(1, Math.ceil(result.retryInMs / 60_000));
        refuse({ input: 'current', key: result.clockBehind ? 'mediator.pin.clockBehind' : 'mediator.settings.pin.locked', values: { minutes } });
      } else {
        setValues((v) => ({ ...v, current: '' }));
        refuse({ input: 'current', key: 'mediator.settings.pin.wrong', values: { attempts: result.attemptsLeft } });
      }
    } catch {
      refuse({ input: 'current', key: 'mediator.settings.pin.failed' });
    } finally {
      setBusy(false);
    }
  };

  const field = (input: PinInput, labelKey: string, hint?: string) => {
    const id = INPUT_IDS[input];
    const hintId = hint ? `${id}-hint` : null;
    const errorId = problem?.input === input ? `${id}-error` : null;
    return (
      <div class="settings-field">
        <label class="settings-label" for={id}>
          {t(labelKey)}
        </label>
        {hint ? (
          <p class="settings-hint" id={hintId ?? undefined}>
            {hint}
          </p>
        ) : null}
        {errorId && problem ? (
          <p class="settings-error" id={errorId}>
            {t(problem.key, problem.values)}
          </p>
        ) : null}
        <input
          ref={inputs[input]}
          id={id}
          name={id}
          class="settings-input settings-input-short settings-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          dir="ltr"
          aria-invalid={errorId ? 'true' : undefined}
          aria-describedby={describedBy([hintId], errorId)}
          value={values[input]}
          onInput={(event) => {
            const value = event.currentTarget.value;
            setValues((v) => ({ ...v, [input]: value }));
          }}
        />
      </div>
    );
  };

  return (
    <section class="settings-section" aria-labelledby="settings-pin-title">
      <h2 id="settings-pin-title">{t('mediator.settings.pin.title')}</h2>
      <form class="settings-subform" onSubmit={(event) => void submit(event)} noValidate>
        {field('current', 'mediator.settings.pin.current')}
        {field('next', 'mediator.settings.pin.new', t('mediator.settings.pin.newHint', { min: MIN_PIN_LENGTH }))}
        {field('confirm', 'mediator.settings.pin.confirm')}
        <div class="settings-actions">
          <button type="submit" class="btn btn-primary" aria-busy={busy ? 'true' : undefined}>
            {t('mediator.settings.pin.submit')}
          </button>
        </div>
        <p class="settings-notice" role="status">
          {done ? t('mediator.settings.pin.changed') : null}
        </p>
      </form>
    </section>
  );
}

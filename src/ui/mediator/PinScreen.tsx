import { useEffect, useRef, useState } from 'preact/hooks';
import { createPin, currentPinPage, hasPin, pinLockStatus, storagePinStore, verifyPin, type PinDeps, type VerifyPinResult } from '../../app/mediator-pin';
import { MIN_PIN_LENGTH } from '../../domain/pin-lockout';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import { useI18n } from '../hooks/use-i18n';
import type { MediatorServices } from './mediator-services';
import { ResetDeviceSection } from './ResetDeviceSection';

export interface PinScreenProps {
  readonly services: MediatorServices;
  /** The space is open: `created` when the PIN was just created (the device is installed). */
  readonly onUnlocked: (created: boolean) => void;
  /**
   * The page was opened on the setup path (app/device-setup.ts): a new device may get its PIN here. Anywhere else, a
   * device without a PIN says it is not installed yet, so that no passer-by can create the PIN.
   */
  readonly mayCreate?: boolean;
  /** Leave: back to the public welcome (with `pausedSession`, the guided session is erased, after a confirmation). */
  readonly onCancel: () => void;
  /** A guided session waits behind the PIN (the space locked itself, or the page was reloaded): the PIN resumes it. */
  readonly pausedSession?: boolean;
  /** The mediator forgot the PIN and confirmed: erase everything on the device. */
  readonly onResetDevice: () => void;
}

type Message = { key: string; values?: Record<string, string | number> } | null;

/** "m:ss" for a countdown a person reads at a glance. */
const clock = (ms: number) => {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

/**
 * The door of the mediator space. First use: create a PIN of 6 digits or more (only a salted hash is kept). Then:
 * type it; five wrong PINs lock the space for a minute, doubling each time, even across reloads or a date moved
 * forward (the lock-out is counted on the monotonic clock, domain/pin-lockout.ts). A forgotten PIN can
 * only be answered by resetting the device.
 */
export function PinScreen({ services, onUnlocked, onCancel, onResetDevice, pausedSession = false, mayCreate = false }: PinScreenProps) {
  const { t } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const deps: PinDeps = { store: storagePinStore(services.storage), now: services.now, page: currentPinPage() };
  // The countdown runs on the page's monotonic clock: a date moved forward does not end it.
  const monotonic = deps.page.monotonic;
  const [mode, setMode] = useState<'loading' | 'create' | 'verify'>('loading');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<Message>(null);
  /** When the lock-out ends, on the monotonic clock; null when a PIN may be typed. */
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmErase, setConfirmErase] = useState(false);
  const [, tick] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void (async () => {
      const exists = await hasPin(deps);
      setMode(exists ? 'verify' : 'create');
      const locked = exists ? await pinLockStatus(deps) : null;
      if (locked) showLocked(locked);
    })();
    // once, on opening
  }, []);

  function showLocked(locked: Extract<VerifyPinResult, { reason: 'locked' }>) {
    setLockedUntil(monotonic() + locked.retryInMs);
    setMessage({ key: locked.clockBehind ? 'mediator.pin.clockBehind' : 'mediator.pin.locked' });
  }

  // The countdown of a lock-out, then the field again (once the lock-out itself says so).
  useEffect(() => {
    if (lockedUntil === null) return undefined;
    const timer = setInterval(() => {
      if (monotonic() < lockedUntil) return void tick((n) => n + 1);
      clearInterval(timer);
      void pinLockStatus(deps).then((locked) => {
        if (locked) return showLocked(locked);
        setLockedUntil(null);
        setMessage(null);
        input.current?.focus();
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [lockedUntil, services]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy || lockedUntil !== null) return;
    setBusy(true);
    try {
      if (mode === 'create') {
        if (pin !== confirm) return setMessage({ key: 'mediator.pin.mismatch' });
        const created = await createPin(deps, pin);
        if (created.ok) return onUnlocked(true);
        setMessage(created.reason === 'invalidFormat' ? { key: `mediator.pin.${created.error}`, values: { min: MIN_PIN_LENGTH } } : null);
        return;
      }
      const verified = await verifyPin(deps, pin);
      if (verified.ok) {
        // where the weak-device benchmark starts timing the opening of the mediator's home (tests/bench/lowend.bench.mjs)
        performance.mark('repere:pin-accepted');
        return onUnlocked(false);
      }
      setPin('');
      if (verified.reason === 'locked') {
        showLocked(verified);
      } else {
        setMessage({ key: 'mediator.pin.wrong', values: { count: verified.attemptsLeft } });
        input.current?.focus();
      }
    } catch {
      setMessage({ key: 'mediator.pin.storageError' });
    } finally {
      setBusy(false);
    }
  };

  const remaining = lockedUntil === null ? 0 : Math.max(0, lockedUntil - monotonic());
  if (mode === 'loading') return <main id="main" class="screen mediator" aria-busy="true" />;
  const creating = mode === 'create';
  if (creating && !mayCreate) {
    return (
      <main id="main" class="screen mediator pin-screen">
        <h1 ref={heading} tabIndex={-1}>
          {t('mediator.pin.notInstalledTitle')}
        </h1>
        <p>{t('mediator.pin.notInstalledHelp')}</p>
        <div class="pin-actions">
          <button type="button" class="btn btn-primary" onClick={onCancel}>
            {t('mediator.pin.cancel')}
          </button>
        </div>
      </main>
    );
  }

  return (
    <main id="main" class="screen mediator pin-screen">
      <h1 ref={heading} tabIndex={-1}>
        {t(creating ? 'mediator.pin.createTitle' : pausedSession ? 'mediator.pin.pausedTitle' : 'mediator.pin.title')}
      </h1>
      <p id="pin-help">
        {t(creating ? 'mediator.pin.createHelp' : pausedSession ? 'mediator.pin.pausedHelp' : 'mediator.pin.help', { min: MIN_PIN_LENGTH })}
      </p>
      <form class="pin-form" onSubmit={(event) => void submit(event)} noValidate>
        <label for="pin">{t(creating ? 'mediator.pin.newPin' : 'mediator.pin.pin')}</label>
        <input
          ref={input}
          id="pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          aria-describedby="pin-help pin-message"
          aria-invalid={message !== null && !creating ? 'true' : undefined}
          disabled={lockedUntil !== null}
          value={pin}
          onInput={(event) => setPin(event.currentTarget.value.trim())}
        />
        {creating ? (
          <>
            <label for="pin-confirm">{t('mediator.pin.confirmPin')}</label>
            <input
              id="pin-confirm"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={confirm}
              onInput={(event) => setConfirm(event.currentTarget.value.trim())}
            />
          </>
        ) : null}
        <p id="pin-message" class="pin-message" role="alert">
          {message ? t(message.key, message.values) : null}
          {lockedUntil !== null ? ` ${t('mediator.pin.retryIn', { time: clock(remaining) })}` : null}
        </p>
        <div class="pin-actions">
          <button type="submit" class="btn btn-primary" disabled={busy || lockedUntil !== null} aria-busy={busy ? 'true' : undefined}>
            {t(creating ? 'mediator.pin.create' : 'mediator.pin.open')}
          </button>
          <button type="button" class="btn btn-secondary" onClick={() => (pausedSession ? setConfirmErase(true) : onCancel())}>
            {t(pausedSession ? 'mediator.pin.eraseSession' : 'mediator.pin.cancel')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={confirmErase}
        title={t('mediator.pin.eraseTitle')}
        body={t('mediator.pin.eraseBody')}
        confirmLabel={t('mediator.pin.eraseConfirm')}
        cancelLabel={t('mediator.pin.keepSession')}
        onConfirm={() => {
          setConfirmErase(false);
          onCancel();
        }}
        onCancel={() => setConfirmErase(false)}
      />
      {!creating ? (
        <ResetDeviceSection
          onResetDevice={onResetDevice}
          titleKey="mediator.pin.forgottenTitle"
          explanationKey="mediator.pin.forgottenHelp"
        />
      ) : null}
    </main>
  );
}

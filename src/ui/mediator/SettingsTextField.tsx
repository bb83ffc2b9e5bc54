import type { ComponentChildren, Ref } from 'preact';
import type { NumberInput } from '../../domain/settings-validation';
import { describedBy } from './settings-fields';

export interface SettingsTextFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: NumberInput;
  /** The text typed; for a number field, NaN when the browser holds something that is not a number. */
  readonly onValue: (value: NumberInput) => void;
  readonly hint?: ComponentChildren;
  /** A sentence under the input that explains what the value does (also read with the input). */
  readonly note?: ComponentChildren;
  /** The message of the field's error, shown under it; null when the field is right. */
  readonly error?: string | null;
  readonly type?: 'text' | 'url' | 'password' | 'number';
  readonly inputMode?: 'text' | 'decimal' | 'numeric' | 'url';
  /** Addresses, codes and coordinates read left to right even in an Arabic interface. */
  readonly dir?: 'ltr';
  readonly size?: 'short' | 'medium' | 'long';
  readonly min?: number;
  readonly max?: number;
  readonly autoCapitalize?: 'off' | 'characters';
  readonly inputRef?: Ref<HTMLInputElement>;
  /** Something beside the input (a button that shows a token). */
  readonly after?: ComponentChildren;
}

/** A labelled text or number input of the settings form, with its hint and its error message linked to it. */
export function SettingsTextField(props: SettingsTextFieldProps) {
  const { id, label, value, onValue, hint, error = null, type = 'text', size = 'medium' } = props;
  const hintId = hint ? `${id}-hint` : null;
  const noteId = props.note ? `${id}-note` : null;
  const errorId = error ? `${id}-error` : null;
  // An input the browser reads as "not a number" reports '' as its value: keep what the person typed on screen.
  const shown = typeof value === 'number' ? (Number.isNaN(value) ? undefined : String(value)) : value;
  return (
    <div class="settings-field">
      <label class="settings-label" for={id}>
        {label}
      </label>
      {hint ? (
        <p class="settings-hint" id={hintId ?? undefined}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="settings-error" id={errorId ?? undefined}>
          {error}
        </p>
      ) : null}
      <div class="settings-input-row">
        <input
          ref={props.inputRef}
          id={id}
          name={id}
          class={`settings-input settings-input-${size}`}
          // Preact types each input type apart; this one field serves four of them.
          type={type as 'text'}
          inputMode={props.inputMode}
          dir={props.dir}
          min={props.min}
          max={props.max}
          step={type === 'number' ? 1 : undefined}
          autoComplete="off"
          autoCapitalize={props.autoCapitalize ?? 'off'}
          spellcheck={false}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy([hintId, noteId], errorId)}
          value={shown}
          onInput={(event) => {
            const input = event.currentTarget;
            onValue(type === 'number' && input.validity.badInput ? Number.NaN : input.value);
          }}
        />
        {props.after}
      </div>
      {props.note ? (
        <p class="settings-hint" id={noteId ?? undefined}>
          {props.note}
        </p>
      ) : null}
    </div>
  );
}

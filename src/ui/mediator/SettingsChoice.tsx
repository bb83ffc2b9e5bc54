import type { ComponentChildren } from 'preact';
import { textDirection, type Language } from '../../domain/language';
import { describedBy } from './settings-fields';

export interface SettingsChoiceProps {
  readonly type: 'radio' | 'checkbox';
  readonly id: string;
  readonly name: string;
  readonly value?: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly label: ComponentChildren;
  /** For a language's own name, written in that language. */
  readonly lang?: Language;
  /** A line under the choice, read with it. */
  readonly hint?: ComponentChildren;
  /** Ids of texts the choice is described by besides its hint (the group's hint, its error). */
  readonly describedBy?: ReadonlyArray<string | null | undefined>;
  readonly invalid?: boolean;
}

/** A radio button or a checkbox whose whole line, box and words, is one target at least 48 px high. */
export function SettingsChoice(props: SettingsChoiceProps) {
  const hintId = props.hint ? `${props.id}-hint` : null;
  return (
    <div class="settings-choice">
      <label class="settings-choice-label" for={props.id}>
        <input
          type={props.type}
          id={props.id}
          name={props.name}
          value={props.value}
          checked={props.checked}
          aria-invalid={props.invalid ? 'true' : undefined}
          aria-describedby={describedBy([hintId, ...(props.describedBy ?? [])], null)}
          onChange={(event) => props.onChange(event.currentTarget.checked)}
        />
        <span lang={props.lang} dir={props.lang ? textDirection(props.lang) : undefined}>
          {props.label}
        </span>
      </label>
      {props.hint ? (
        <p class="settings-choice-hint" id={hintId ?? undefined}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

import { ArrowLeft, ArrowRight, CircleHelp, CircleSlash, SkipForward, Volume2 } from 'lucide';
import { useEffect, useRef, useState } from 'preact/hooks';
import { visibleOptions } from '../../domain/questionnaire-flow';
import { DONT_KNOW, NONE, SKIPPED, type AnswerValue, type Answers, type Question } from '../../domain/questionnaire';
import { Icon } from '../components/Icon';
import { useI18n } from '../hooks/use-i18n';
import { Pictogram } from './Pictogram';
import { StopAndErase } from './StopAndErase';

export interface QuestionScreenProps {
  readonly question: Question;
  readonly answers: Answers;
  /** The part of the questionnaire ("Partie 2 sur 4 : internet"): it only moves forward as the person answers. */
  readonly part: number;
  readonly parts: number;
  readonly partName: string;
  readonly isFirst: boolean;
  /** Read the question and its answers automatically when it appears. */
  readonly autoRead: boolean;
  readonly onAnswer: (value: AnswerValue) => void;
  readonly onBack: () => void;
  /** "Arrêter et effacer": the person leaves now; the answers are erased (after a confirmation). */
  readonly onStop: () => void;
  /** Reads aloud in the person's language (the toolbar says so when the device cannot). */
  readonly speak: (text: string) => void;
  /** False when the device has no voice for the language: no "Écouter" button then. */
  readonly canSpeak: boolean;
}

interface ScreenState {
  /** Which visit of a question this is (QuestionScreen): what was done on another visit is not this one's. */
  readonly visit: number;
  readonly selected: readonly string[];
  /** "Je n'ai fait aucune de ces choses": an answer of its own, exclusive with the ticks (docs/SCORING.md). */
  readonly none: boolean;
  readonly notice: string | null;
}

function freshState(visit: number, question: Question, answers: Answers): ScreenState {
  return {
    visit,
    selected: initialSelection(question, answers),
    none: answers[question.id] === NONE,
    notice: null,
  };
}

function initialSelection(question: Question, answers: Answers): string[] {
  const value = answers[question.id];
  if (Array.isArray(value)) return [...value];
  return typeof value === 'string' && value !== DONT_KNOW && value !== SKIPPED && value !== NONE ? [value] : [];
}

/**
 * One question per screen: the question as the legend of a fieldset, answers as large native radio buttons or
 * checkboxes with a pictogram, "Je ne sais pas", Back, Next, the progress, and a speaker button. No timer, no wrong answer.
 */
export function QuestionScreen(props: QuestionScreenProps) {
  const { question, answers, onAnswer, speak } = props;
  const { t } = useI18n();
  // The screen stays mounted from one question to the next (its buttons and layout are reused, only what differs is
  // redrawn: the tap on "Suivant" is answered sooner on a slow tablet). What the person does on a screen belongs to
  // that visit of that question: each time another question shows, the visit changes and the screen starts again
  // from that question's saved answer, never from the previous question's ticks nor from an earlier visit's.
  const visit = useRef({ questionId: question.id, number: 0 });
  if (visit.current.questionId !== question.id) visit.current = { questionId: question.id, number: visit.current.number + 1 };
  const visitNumber = visit.current.number;
  const [state, setState] = useState<ScreenState>(() => freshState(visitNumber, question, answers));
  const current = state.visit === visitNumber ? state : freshState(visitNumber, question, answers);
  const { selected, none, notice } = current;
  const update = (change: (from: ScreenState) => Partial<ScreenState>) =>
    setState((from) => {
      const base = from.visit === visitNumber ? from : freshState(visitNumber, question, answers);
      return { ...base, ...change(base) };
    });
  const legend = useRef<HTMLLegendElement>(null);
  const options = visibleOptions(question, answers);
  const multiple = question.kind === 'multipleChoice';
  const hintId = `hint-${question.id}`;

  const noneKey = question.explicitNone ? `questions.${question.id}.none` : null;
  const spokenText = () =>
    [t(question.titleKey), question.hintKey ? t(question.hintKey) : '', ...options.map((o) => t(o.labelKey)), noneKey ? t(noneKey) : '']
      .filter(Boolean)
      .join('. ');

  const readAloud = () => speak(spokenText());

  useEffect(() => {
    legend.current?.focus();
    if (props.autoRead) readAloud();
    // Only when a question appears.
  }, [question.id]);

  const toggle = (id: string, checked: boolean) =>
    update((from) => ({
      notice: null,
      none: checked ? false : from.none,
      selected: multiple ? (checked ? [...from.selected, id] : from.selected.filter((x) => x !== id)) : [id],
    }));

  const submit = (event: Event) => {
    event.preventDefault();
    if (multiple) {
      // Keep the definition's order, whatever the order of the taps.
      const ticks = options.map((o) => o.id).filter((id) => selected.includes(id));
      if (none) onAnswer(NONE);
      else if (ticks.length > 0 || !question.explicitNone) onAnswer(ticks);
      else update(() => ({ notice: t('question.chooseSome') }));
    } else if (selected[0]) {
      onAnswer(selected[0]);
    } else {
      update(() => ({ notice: t('question.chooseOne') }));
    }
  };

  return (
    <main id="main" class="screen question">
      <div class="progress">
        <p>{t('question.progress', { part: props.part, parts: props.parts, name: t(`question.parts.${props.partName}`) })}</p>
        <ol class="progress-parts" aria-hidden="true">
          {Array.from({ length: props.parts }, (_, i) => (
            <li key={i} class={i + 1 < props.part ? 'done' : i + 1 === props.part ? 'current' : undefined} />
          ))}
        </ol>
      </div>
      <form class="question-form" onSubmit={submit} noValidate>
        <fieldset class="question-fieldset" aria-describedby={question.hintKey ? hintId : undefined}>
          <legend ref={legend} tabIndex={-1} class="question-title">
            <Pictogram id={question.pictogram} size={56} />
            <h1 class="question-heading">{t(question.titleKey)}</h1>
          </legend>
          {question.hintKey ? (
            <p id={hintId} class="hint">
              {t(question.hintKey)}
            </p>
          ) : null}
          <ul class={`options options-${question.kind}`}>
            {options.map((option) => (
              <li key={option.id}>
                <label class="option">
                  <input
                    type={multiple ? 'checkbox' : 'radio'}
                    // One name for every question: an input kept from the previous question (same answers, as on the
                    // four-step scales) must not join a new radio group while still checked, which unchecks the
                    // answer being restored in that group (going back showed no answer).
                    name="answer"
                    value={option.id}
                    checked={selected.includes(option.id)}
                    onChange={(event) => toggle(option.id, (event.currentTarget as HTMLInputElement).checked)}
                  />
                  <Pictogram id={option.pictogram} />
                  <span>{t(option.labelKey)}</span>
                </label>
              </li>
            ))}
            {noneKey ? (
              <li key="none" class="option-none">
                <label class="option">
                  <input
                    type="checkbox"
                    name="answer"
                    value={NONE}
                    checked={none}
                    onChange={(event) => {
                      const checked = (event.currentTarget as HTMLInputElement).checked;
                      update((from) => ({ notice: null, none: checked, selected: checked ? [] : from.selected }));
                    }}
                  />
                  <Icon icon={CircleSlash} size={40} class="pictogram" />
                  <span>{t(noneKey)}</span>
                </label>
              </li>
            ) : null}
          </ul>
        </fieldset>
        <p class="gentle" role="status">
          {notice}
        </p>
        <div class="question-secondary">
          {/* An answer like the others (not a toggle): it moves on. */}
          <button type="button" class="btn btn-secondary" onClick={() => onAnswer(DONT_KNOW)}>
            <Icon icon={CircleHelp} size={24} />
            <span>{t('question.dontKnow')}</span>
          </button>
          {question.optional ? (
            <button type="button" class="btn btn-secondary" onClick={() => onAnswer(SKIPPED)}>
              <Icon icon={SkipForward} size={24} />
              <span>{t('question.skip')}</span>
            </button>
          ) : null}
          {props.canSpeak ? (
            <button type="button" class="btn btn-secondary" onClick={readAloud}>
              <Icon icon={Volume2} size={24} />
              <span>{t('question.listen')}</span>
            </button>
          ) : null}
          <StopAndErase onStop={props.onStop} />
        </div>
        <div class="question-nav">
          <button type="button" class="btn btn-secondary btn-nav" onClick={props.onBack}>
            <Icon icon={ArrowLeft} size={24} class="flip-rtl" />
            <span>{props.isFirst ? t('question.backToWelcome') : t('question.back')}</span>
          </button>
          <button
            type="submit"
            class="btn btn-primary btn-nav"
            // The second tap of a double tap lands on the next screen's "Suivant": it must not answer that question.
            onClick={(event) => {
              if (event.detail > 1) event.preventDefault();
            }}
          >
            <span>{t('question.next')}</span>
            <Icon icon={ArrowRight} size={24} class="flip-rtl" />
          </button>
        </div>
      </form>
    </main>
  );
}

// The journeys' page objects in one place, for the Playwright specs (tests/e2e/support.ts) and the engine runs
// (tests/engines/journey-steps.ts): the controls a person uses, by role and the key of their accessible name in the
// app's messages (any language), and the app's own markers for what has no accessible name. The steps themselves are
// written once per driver (Playwright's Page, the engines' EngineDriver), from these names.
import { fr } from './messages';

/** The ARIA roles the journeys look for. */
export type Role = 'button' | 'heading' | 'group' | 'radio' | 'checkbox' | 'textbox' | 'link';

/**
 * How a step names an element, as a person would: by role and accessible name, by its label (a form field), by its
 * visible text; a CSS selector only for what has no accessible name (the app's own markers such as #app[data-…]).
 */
export type Target =
  | { readonly role: Role; readonly name: string }
  | { readonly label: string }
  | { readonly text: string }
  | { readonly css: string };

/** A control by its role and the message key of its name. */
export interface Named {
  readonly role: Role;
  readonly key: string;
}

/** The controls of the kiosk's journey and of the mediator space, as the steps use them. */
export const NAMES = {
  /** The welcome's main button: starts a questionnaire. */
  welcomeStart: { role: 'button', key: 'welcome.start' },
  /** The welcome's door to the mediator space (the PIN). */
  welcomeMediator: { role: 'button', key: 'welcome.mediator' },
  /** The first question (the devices one), a group named by its legend. */
  firstQuestion: { role: 'group', key: 'questions.devices.title' },
  /** Sends the answer of the question on screen. */
  next: { role: 'button', key: 'question.next' },
  /** Back to the previous question. */
  back: { role: 'button', key: 'question.back' },
  /** On the first question: back to the welcome, the session erased. */
  backToWelcome: { role: 'button', key: 'question.backToWelcome' },
  dontKnow: { role: 'button', key: 'question.dontKnow' },
  /** On the hands-on tries' first screen (after the internet use): skips all of them. */
  skipTries: { role: 'button', key: 'tries.skipAll' },
  /** The result's heading (level 1). */
  resultHeading: { role: 'heading', key: 'result.title' },
  /** Looks for help places near what was typed in the field labelled result.places.locationLabel. */
  searchPlaces: { role: 'button', key: 'result.places.search' },
  /** The mediator space's home, told apart from its PIN door (same title) by its first button. */
  mediatorHome: { role: 'button', key: 'mediator.home.guided' },
  mediatorHistory: { role: 'button', key: 'mediator.home.history' },
  createPin: { role: 'button', key: 'mediator.pin.create' },
  /** A guided session's detailed result (level 1). */
  guidedResultHeading: { role: 'heading', key: 'mediator.guided.title' },
  guidedFinish: { role: 'button', key: 'mediator.guided.finish' },
  exportSubmit: { role: 'button', key: 'mediator.history.export.submit' },
} as const satisfies Record<string, Named>;

/** Field labels (message keys) the steps fill. */
export const LABELS = {
  placesLocation: 'result.places.locationLabel',
  newPin: 'mediator.pin.newPin',
  confirmPin: 'mediator.pin.confirmPin',
  pin: 'mediator.pin.pin',
} as const;

/** The app's own markers, for what has no accessible name. */
export const MARKERS = {
  /** The app is live (not only the prerendered welcome HTML). */
  appReady: '#app[data-ready="true"]',
  /** The service worker has stored every file of the app. */
  offlineReady: '#app[data-offline-ready="true"]',
  /** The title of the question on screen (the legend of its group). */
  questionLegend: 'legend.question-title',
  /** The answers of the question on screen, first one first. */
  optionLabel: '.options label',
  /**
   * "Suivant" on a question. The engine runs find it by role and name on a journey's first question, then by this
   * (Firefox's accessibility queries take about 0.6 s each, a plain selector 0.2 s: a whole journey, 8 s less).
   */
  questionNext: '.question-nav button[type="submit"]',
  /** A question, or the result. */
  questionOrResult: 'legend.question-title, main.result h1',
  /** Whichever shows next in a journey: a question, the hands-on tries, or the result. */
  nextScreen: 'legend.question-title, main.result h1, main.tries',
  /** The hands-on tries' screens. */
  triesScreen: 'main.tries',
  /** A help place listed on the result. */
  placeItem: 'main.result li.place',
  /** The rows of the mediator's history table. */
  historyRow: 'table.history-table tbody tr',
} as const;

/** A named control as an engine Target, in a language (French unless said). */
export function target(named: Named, t: (key: string) => string = fr): Target {
  return { role: named.role, name: t(named.key) };
}

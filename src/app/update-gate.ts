/** The screens of the app, as far as updates are concerned. */
export type ScreenKind = 'welcome' | 'questionnaire' | 'mediator';

/**
 * A new version is applied (which reloads the page) only on the welcome screen, never in the middle of a questionnaire
 * and never on a mediator screen with input not yet saved.
 */
export function mayApplyUpdate(state: { screen: ScreenKind; hasUnsavedInput: boolean }): boolean {
  return state.screen === 'welcome' && !state.hasUnsavedInput;
}

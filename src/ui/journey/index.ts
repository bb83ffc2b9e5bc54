// The questionnaire and result screens, with the questionnaire itself, its flow, the scoring and the pictograms: one
// chunk, loaded when a person starts (and prefetched while the welcome screen waits), so the first screen stays small.
export { QUESTIONNAIRE } from '../../content/questionnaire';
export {
  applyAnswer,
  finishSession,
  goBack,
  resumeSession,
  saveSession,
  sessionPosition,
} from '../../app/questionnaire-session';
export { progress } from '../../domain/questionnaire-flow';
export { scoreProfile } from '../../domain/score-profile';
export { QuestionScreen } from './QuestionScreen';
export { SessionScreen } from './SessionScreen';
export { ResultScreen } from './ResultScreen';
export { prepareResult } from './PlacesBlock';

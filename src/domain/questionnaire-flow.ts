import {
  DONT_KNOW,
  NONE,
  SKIPPED,
  type AnswerValue,
  type Answers,
  type Condition,
  type Dimension,
  type Question,
  type QuestionOption,
  type Questionnaire,
} from './questionnaire';

export type QuestionnaireErrorCode =
  | 'unknownQuestion'
  | 'unknownOption'
  | 'notOnPath'
  | 'invalidAnswer'
  | 'notOptional';

/** An answer the questionnaire cannot take. Nothing was recorded; the answers given before are unchanged. */
export class QuestionnaireError extends Error {
  override readonly name = 'QuestionnaireError';

  constructor(
    readonly code: QuestionnaireErrorCode,
    readonly questionId: string,
    detail?: string,
  ) {
    super(`${code} (${questionId})${detail ? `: ${detail}` : ''}`);
  }
}

const asList = (value: AnswerValue | undefined): readonly string[] => (Array.isArray(value) ? value : []);

/** Whether a condition holds on the answers. An unanswered question matches no `anyOf` and no `includesAny`. */
export function conditionHolds(condition: Condition, answers: Answers): boolean {
  if ('not' in condition) return !conditionHolds(condition.not, answers);
  if ('all' in condition) return condition.all.every((c) => conditionHolds(c, answers));
  if ('any' in condition) return condition.any.some((c) => conditionHolds(c, answers));
  const value = answers[condition.question];
  if ('anyOf' in condition) return typeof value === 'string' && condition.anyOf.includes(value);
  if ('includesAny' in condition) return asList(value).some((id) => condition.includesAny.includes(id));
  if ('answeredOtherThan' in condition) return value !== undefined && !(typeof value === 'string' && condition.answeredOtherThan.includes(value));
  return !asList(value).some((id) => condition.includesNone.includes(id));
}

/** The options of a question that show, given the answers before it. */
export function visibleOptions(question: Question, answers: Answers): readonly QuestionOption[] {
  return question.options.filter((o) => !o.showIf || conditionHolds(o.showIf, answers));
}

/**
 * Walks the questionnaire in order and keeps, for each question on the path, only answers that are still valid there.
 * Conditions are evaluated on the answers kept so far, so an answer left over from an abandoned branch never steers
 * the path.
 */
function walk(questionnaire: Questionnaire, answers: Answers): { path: Question[]; kept: Record<string, AnswerValue> } {
  const kept: Record<string, AnswerValue> = {};
  const path: Question[] = [];
  for (const question of questionnaire.questions) {
    if (question.showIf && !conditionHolds(question.showIf, kept)) continue;
    path.push(question);
    const value = answers[question.id];
    if (value !== undefined && answerProblem(question, value, kept) === null) kept[question.id] = value;
  }
  return { path, kept };
}

/** The questions this person sees, in order, given their answers so far. */
export function pathOf(questionnaire: Questionnaire, answers: Answers): readonly Question[] {
  return walk(questionnaire, answers).path;
}

/** The first question on the path not answered yet, or null when the questionnaire is complete. Pure. */
export function nextQuestion(questionnaire: Questionnaire, answers: Answers): Question | null {
  const { path, kept } = walk(questionnaire, answers);
  return path.find((q) => kept[q.id] === undefined) ?? null;
}

/**
 * The question before `currentId` on the path (currentId null: the last question, from the end screen), or null on
 * the first question. Pure.
 */
export function previousQuestion(
  questionnaire: Questionnaire,
  answers: Answers,
  currentId: string | null,
): Question | null {
  const { path } = walk(questionnaire, answers);
  const index = currentId === null ? path.length : path.findIndex((q) => q.id === currentId);
  if (index === -1) throw new QuestionnaireError('notOnPath', currentId ?? '');
  return index > 0 ? (path[index - 1] ?? null) : null;
}

/**
 * The question that follows `currentId` on the path, as re-evaluated with the answers (after answering it), or null when
 * it was the last one. Unlike nextQuestion, it does not skip questions already answered: going forward again after
 * going back shows each answer given. Pure.
 */
export function questionAfter(questionnaire: Questionnaire, answers: Answers, currentId: string): Question | null {
  const { path } = walk(questionnaire, answers);
  const index = path.findIndex((q) => q.id === currentId);
  if (index === -1) throw new QuestionnaireError('notOnPath', currentId);
  return path[index + 1] ?? null;
}

/**
 * The parts a person goes through, in order ("Partie 2 sur 4 : Internet"), by the dimension of each question. A count
 * of questions ("1 sur 7" becoming "11 sur 15" as the answers open the path) told people the end moved away; the part
 * only moves forward as they answer, whatever the path.
 */
export const QUESTIONNAIRE_PARTS = ['equipment', 'internet', 'procedures', 'you'] as const;
export type QuestionnairePart = (typeof QUESTIONNAIRE_PARTS)[number];
const PART_OF_DIMENSION: Readonly<Record<Dimension, QuestionnairePart>> = {
  access: 'equipment',
  use: 'internet',
  skills: 'internet',
  procedures: 'procedures',
  attitude: 'you',
  helpAround: 'you',
  context: 'you',
};

/**
 * Where a question stands: its position on the path as the answers stand (1 for the first question), and its part
 * (1-based) among the parts of the questionnaire.
 */
export function progress(
  questionnaire: Questionnaire,
  answers: Answers,
  currentId: string,
): { position: number; estimatedTotal: number; part: number; parts: number; partName: QuestionnairePart } {
  const { path } = walk(questionnaire, answers);
  const index = path.findIndex((q) => q.id === currentId);
  if (index === -1) throw new QuestionnaireError('notOnPath', currentId);
  const partName = PART_OF_DIMENSION[path[index]!.dimension];
  return {
    position: index + 1,
    estimatedTotal: path.length,
    part: QUESTIONNAIRE_PARTS.indexOf(partName) + 1,
    parts: QUESTIONNAIRE_PARTS.length,
    partName,
  };
}

/** Why a value cannot answer a question here, or null when it can. */
function answerProblem(question: Question, value: AnswerValue, before: Answers): QuestionnaireErrorCode | null {
  if (value === DONT_KNOW) return null;
  if (value === SKIPPED) return question.optional ? null : 'notOptional';
  if (value === NONE) return question.kind === 'multipleChoice' && question.explicitNone ? null : 'invalidAnswer';
  const allowed = new Set(visibleOptions(question, before).map((o) => o.id));
  if (question.kind === 'multipleChoice') {
    if (!Array.isArray(value)) return 'invalidAnswer';
    if (new Set(value).size !== value.length) return 'invalidAnswer';
    // An explicit-none screen takes a tick, NONE or DONT_KNOW: an empty list (a v1 answer, a screen passed) is none of them.
    if (question.explicitNone && value.length === 0) return 'invalidAnswer';
    return value.every((id) => allowed.has(id)) ? null : 'unknownOption';
  }
  if (typeof value !== 'string') return 'invalidAnswer';
  return allowed.has(value) ? null : 'unknownOption';
}

/**
 * Records one answer and returns the new answers: the path is re-evaluated and every answer no longer on it is
 * dropped (going back and changing an answer). Throws a QuestionnaireError, recording nothing, for an unknown question
 * or option, a question not on the path, or a value of the wrong shape.
 */
export function answerQuestion(
  questionnaire: Questionnaire,
  answers: Answers,
  questionId: string,
  value: AnswerValue,
): Answers {
  const question = questionnaire.questions.find((q) => q.id === questionId);
  if (!question) throw new QuestionnaireError('unknownQuestion', questionId);
  const { path, kept } = walk(questionnaire, answers);
  if (!path.includes(question)) throw new QuestionnaireError('notOnPath', questionId);
  const problem = answerProblem(question, value, kept);
  if (problem) throw new QuestionnaireError(problem, questionId, JSON.stringify(value));
  return walk(questionnaire, { ...kept, [questionId]: Array.isArray(value) ? [...value] : value }).kept;
}

/**
 * Checks a whole set of answers (from storage, or given to the scoring): an unknown question id is an error; answers off
 * the path, or no longer valid on it, are dropped. Returns the answers that count.
 */
export function validateAnswers(questionnaire: Questionnaire, answers: Answers): Answers {
  const known = new Set(questionnaire.questions.map((q) => q.id));
  const unknown = Object.keys(answers).find((id) => !known.has(id));
  if (unknown !== undefined) throw new QuestionnaireError('unknownQuestion', unknown);
  const { kept } = walk(questionnaire, answers);
  for (const [id, value] of Object.entries(answers)) {
    if (kept[id] !== undefined) continue;
    const question = questionnaire.questions.find((q) => q.id === id);
    // An answer off the path is dropped; an answer on the path with an unknown option is an error, not a guess.
    if (question && pathOf(questionnaire, kept).includes(question)) {
      const problem = answerProblem(question, value, kept);
      if (problem) throw new QuestionnaireError(problem, id, JSON.stringify(value));
    }
  }
  return kept;
}

/**
 * Brings a stored session's answers in line with the questionnaire in use. Same version: the answers are checked.
 * Another version (an update shipped mid-session): answers to questions and options that no longer exist are dropped,
 * the rest is kept, and the person goes on from the first unanswered question. Never throws.
 */
export function reconcileAnswers(
  questionnaire: Questionnaire,
  stored: { questionnaireVersion?: string; answers: Answers },
): { answers: Answers; recovered: boolean; dropped: readonly string[] } {
  const known = new Map(questionnaire.questions.map((q) => [q.id, q]));
  const candidate: Record<string, AnswerValue> = {};
  for (const [id, value] of Object.entries(stored.answers ?? {})) if (known.has(id)) candidate[id] = value;
  const { kept } = walk(questionnaire, candidate);
  const dropped = Object.keys(stored.answers ?? {}).filter((id) => kept[id] === undefined);
  const recovered = stored.questionnaireVersion !== questionnaire.version || dropped.length > 0;
  return { answers: kept, recovered, dropped };
}

/** Where a person stands in the questionnaire: on a question, or at the result. */
export type Position = { readonly kind: 'question'; readonly question: Question } | { readonly kind: 'result' };

/**
 * The screen to show for a cursor (a question id, 'result', or none yet): the cursor's question when it is still on the
 * path, else the first unanswered question, else the result. Used on resume, so a stale cursor never strands anyone.
 */
export function positionOf(questionnaire: Questionnaire, answers: Answers, cursor: string | undefined): Position {
  const { path } = walk(questionnaire, answers);
  const next = nextQuestion(questionnaire, answers);
  if (cursor === 'result') return next ? { kind: 'question', question: next } : { kind: 'result' };
  const atCursor = path.find((q) => q.id === cursor);
  if (atCursor) return { kind: 'question', question: atCursor };
  return next ? { kind: 'question', question: next } : { kind: 'result' };
}

import { QuestionnaireError, answerQuestion, nextQuestion, visibleOptions } from '../questionnaire-flow';
import { DONT_KNOW, NONE, SKIPPED, type AnswerValue, type Answers, type Question, type Questionnaire } from '../questionnaire';

/**
 * Test builder: answers a questionnaire screen by screen through the real flow (nextQuestion + answerQuestion), the
 * way a person would, taking each answer from `choose`. Returns the answers and the screens seen.
 */
export function respond(
  questionnaire: Questionnaire,
  choose: (question: Question, answers: Answers) => AnswerValue,
): { answers: Answers; screens: string[] } {
  let answers: Answers = {};
  const screens: string[] = [];
  for (let question = nextQuestion(questionnaire, answers); question; question = nextQuestion(questionnaire, answers)) {
    if (screens.length > questionnaire.questions.length) throw new Error('the flow does not end');
    screens.push(question.id);
    answers = answerQuestion(questionnaire, answers, question.id, choose(question, answers));
  }
  return { answers, screens };
}

/**
 * A respondent given as a table of answers by question id. A question on the path without an answer in the table is
 * an error (golden cases must be explicit), except the optional ones, which are skipped.
 */
export function respondWith(questionnaire: Questionnaire, table: Readonly<Record<string, AnswerValue>>) {
  const result = respond(questionnaire, (question) => {
    const value = table[question.id];
    if (value !== undefined) return value;
    if (question.optional) return SKIPPED;
    throw new QuestionnaireError('invalidAnswer', question.id, 'no answer in the golden table for a question on the path');
  });
  // An answer in the table that the person never saw means the table does not describe the path it claims.
  const unseen = Object.keys(table).filter((id) => !result.screens.includes(id));
  if (unseen.length > 0) throw new Error(`golden table answers questions off the path: ${unseen.join(', ')}`);
  return result;
}

/** The first `count` activity ids of a skill screen, to tick. */
export function firstActivities(questionnaire: Questionnaire, questionId: string, count: number): string[] {
  const question = questionnaire.questions.find((q) => q.id === questionId);
  if (!question || question.options.length < count) throw new Error(`${questionId} has no ${count} options`);
  return question.options.slice(0, count).map((o) => o.id);
}

/** A small seeded PRNG (mulberry32), so random respondents are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random but valid answer: any visible option, a random set of ticks (or "none"), sometimes "I don't know" or "skip". */
export function randomChoice(random: () => number) {
  return (question: Question, answers: Answers): AnswerValue => {
    const options = visibleOptions(question, answers).map((o) => o.id);
    const roll = random();
    if (roll < 0.05) return DONT_KNOW;
    if (question.optional && roll < 0.15) return SKIPPED;
    if (question.kind === 'multipleChoice') {
      const ticks = options.filter(() => random() < 0.5);
      // An explicit-none screen takes "none of these", never an empty list.
      return ticks.length === 0 && question.explicitNone ? NONE : ticks;
    }
    return options[Math.floor(random() * options.length)] ?? DONT_KNOW;
  };
}

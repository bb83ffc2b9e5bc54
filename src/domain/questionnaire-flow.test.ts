import { describe, expect, it } from 'vitest';
import {
  QuestionnaireError,
  answerQuestion,
  nextQuestion,
  pathOf,
  previousQuestion,
  progress,
  reconcileAnswers,
  validateAnswers,
} from './questionnaire-flow';
import { DONT_KNOW, SKIPPED, type Condition, type Questionnaire } from './questionnaire';
import { QUESTIONNAIRE } from '../content/questionnaire';
import { randomChoice, respond, seededRandom } from './testing/respondent';

// given a small questionnaire: a branch on "used", an option that depends on an earlier tick, an optional question
const opt = (q: string, id: string, showIf?: Condition) => ({ id, labelKey: `q.${q}.${id}`, pictogram: 'circle', ...(showIf ? { showIf } : {}) });
const Q: Questionnaire = {
  version: 'test-1',
  questions: [
    { id: 'used', kind: 'yesNo', dimension: 'use', titleKey: 'q.used', pictogram: 'globe', options: [opt('used', 'yes'), opt('used', 'no')] },
    {
      id: 'did',
      kind: 'multipleChoice',
      dimension: 'skills',
      area: 'information',
      titleKey: 'q.did',
      pictogram: 'search',
      showIf: { question: 'used', anyOf: ['yes'] },
      options: [opt('did', 'news'), opt('did', 'health')],
    },
    {
      id: 'more',
      kind: 'multipleChoice',
      dimension: 'skills',
      titleKey: 'q.more',
      pictogram: 'search',
      showIf: { question: 'used', anyOf: ['yes'] },
      options: [opt('more', 'news', { question: 'did', includesNone: ['news'] }), opt('more', 'video')],
    },
    { id: 'wish', kind: 'scale4', dimension: 'attitude', titleKey: 'q.wish', pictogram: 'graduation-cap', options: ['a', 'b', 'c', 'd'].map((id) => opt('wish', id)) },
    { id: 'age', kind: 'singleChoice', dimension: 'context', titleKey: 'q.age', pictogram: 'cake', optional: true, options: [opt('age', 'young'), opt('age', 'old')] },
  ],
};

const ids = (questions: ReadonlyArray<{ id: string }>) => questions.map((q) => q.id);
const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a QuestionnaireError');
};

describe('nextQuestion / previousQuestion', () => {
  it('starts at the first question and ends with null', () => {
    expect(nextQuestion(Q, {})?.id).toBe('used');
    expect(nextQuestion(Q, { used: 'no', wish: 'a', age: SKIPPED })).toBeNull();
  });

  it('skips the branch of a person who did not use the internet', () => {
    const answers = answerQuestion(Q, {}, 'used', 'no');
    expect(nextQuestion(Q, answers)?.id).toBe('wish');
    expect(ids(pathOf(Q, answers))).toEqual(['used', 'wish', 'age']);
  });

  it('goes back along the path actually taken', () => {
    const answers = { used: 'no', wish: 'b' };
    expect(previousQuestion(Q, answers, 'wish')?.id).toBe('used');
    expect(previousQuestion(Q, answers, 'used')).toBeNull();
    expect(previousQuestion(Q, answers, null)?.id).toBe('age');
  });

  it('counts "question 2 of 5" on the path as it stands', () => {
    expect(progress(Q, { used: 'yes' }, 'did')).toMatchObject({ position: 2, estimatedTotal: 5 });
    expect(progress(Q, { used: 'no' }, 'wish')).toMatchObject({ position: 2, estimatedTotal: 3 });
  });

  it('shows parts that only move forward as a person answers, whatever the path (the real questionnaire)', () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const random = seededRandom(seed);
      const seen: number[] = [];
      respond(QUESTIONNAIRE, (question, answers) => {
        const at = progress(QUESTIONNAIRE, answers, question.id);
        expect(at.parts).toBe(4);
        seen.push(at.part);
        return randomChoice(random)(question, answers);
      });
      expect(seen[0]).toBe(1);
      // never backwards, and the last screen is in the last part
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(seen.at(-1)).toBe(4);
    }
  });
});

describe('answerQuestion', () => {
  it('changing an earlier answer re-evaluates the path and drops answers no longer on it', () => {
    // given a person who said yes and ticked activities
    let answers = answerQuestion(Q, {}, 'used', 'yes');
    answers = answerQuestion(Q, answers, 'did', ['health']);
    answers = answerQuestion(Q, answers, 'more', ['news', 'video']);
    answers = answerQuestion(Q, answers, 'wish', 'c');
    // when they go back and answer no
    answers = answerQuestion(Q, answers, 'used', 'no');
    // then the activities are gone, the rest stays
    expect(answers).toEqual({ used: 'no', wish: 'c' });
  });

  it('drops a tick whose option no longer shows after an earlier change', () => {
    let answers = answerQuestion(Q, {}, 'used', 'yes');
    answers = answerQuestion(Q, answers, 'did', []);
    answers = answerQuestion(Q, answers, 'more', ['news']);
    answers = answerQuestion(Q, answers, 'did', ['news']);
    expect(answers.more).toBeUndefined();
    expect(nextQuestion(Q, answers)?.id).toBe('more');
  });

  it('accepts "I don\'t know" everywhere, and "skip" only on optional questions', () => {
    expect(answerQuestion(Q, {}, 'used', DONT_KNOW)).toEqual({ used: DONT_KNOW });
    expect(answerQuestion(Q, { used: 'no', wish: 'a' }, 'age', SKIPPED).age).toBe(SKIPPED);
    expect(errorOf(() => answerQuestion(Q, {}, 'used', SKIPPED))).toMatchObject({ code: 'notOptional', questionId: 'used' });
  });

  it.each([
    ['an unknown question', 'nope', 'yes', 'unknownQuestion'],
    ['an unknown option', 'used', 'maybe', 'unknownOption'],
    ['a tick that is not an option', 'did', ['news', 'cinema'], 'unknownOption'],
    ['a list to a single choice', 'wish', ['a'], 'invalidAnswer'],
    ['a single value to a tick screen', 'did', 'news', 'invalidAnswer'],
    ['the same tick twice', 'did', ['news', 'news'], 'invalidAnswer'],
  ] as const)('refuses %s with a typed error and records nothing', (_, question, value, code) => {
    const before = { used: 'yes', wish: 'a' };
    const snapshot = structuredClone(before);
    const error = errorOf(() => answerQuestion(Q, before, question, value));
    expect(error).toBeInstanceOf(QuestionnaireError);
    expect(error).toMatchObject({ code });
    expect(before).toEqual(snapshot);
  });

  it('refuses an answer to a question not on the path', () => {
    expect(errorOf(() => answerQuestion(Q, { used: 'no' }, 'did', ['news']))).toMatchObject({ code: 'notOnPath' });
    expect(errorOf(() => previousQuestion(Q, { used: 'no' }, 'did'))).toMatchObject({ code: 'notOnPath' });
  });
});

describe('validateAnswers', () => {
  it('drops answers off the path and keeps the others', () => {
    expect(validateAnswers(Q, { used: 'no', did: ['news'], wish: 'a' })).toEqual({ used: 'no', wish: 'a' });
  });
  it('throws on an unknown question id, or an unknown option on the path', () => {
    expect(errorOf(() => validateAnswers(Q, { used: 'no', ghost: 'x' }))).toMatchObject({ code: 'unknownQuestion', questionId: 'ghost' });
    expect(errorOf(() => validateAnswers(Q, { used: 'no', wish: 'z' }))).toMatchObject({ code: 'unknownOption', questionId: 'wish' });
  });
});

describe('reconcileAnswers (a session saved by another questionnaire version)', () => {
  it('keeps what still fits, drops the rest, and resumes at the first unanswered question', () => {
    const stored = { questionnaireVersion: 'test-0', answers: { used: 'yes', did: ['news', 'radio'], removedQuestion: 'x', wish: 'b' } };
    const { answers, recovered, dropped } = reconcileAnswers(Q, stored);
    expect(recovered).toBe(true);
    expect(answers).toEqual({ used: 'yes', wish: 'b' });
    expect([...dropped].sort()).toEqual(['did', 'removedQuestion']);
    expect(nextQuestion(Q, answers)?.id).toBe('did');
  });

  it('a session of the same version with valid answers is taken as it is', () => {
    const stored = { questionnaireVersion: 'test-1', answers: { used: 'no', wish: 'a' } };
    expect(reconcileAnswers(Q, stored)).toEqual({ answers: stored.answers, recovered: false, dropped: [] });
  });

  it('a session without a version (saved before versions were recorded) is reconciled, not trusted', () => {
    expect(reconcileAnswers(Q, { answers: { used: 'no' } }).recovered).toBe(true);
  });

  it('never throws, even on garbage', () => {
    const garbage = { questionnaireVersion: 'x', answers: { used: 42, wish: { a: 1 }, did: null } } as never;
    expect(reconcileAnswers(Q, garbage).answers).toEqual({});
  });
});

import * as lucide from 'lucide';
import { describe, expect, it } from 'vitest';
import fr from '../i18n/journey/fr.json';
import { nextQuestion, visibleOptions } from '../domain/questionnaire-flow';
import { DONT_KNOW, NONE, type Answers, type Question, type Questionnaire } from '../domain/questionnaire';
import { checkQuestionnaire } from './check-questionnaire';
import { kandelMoles, sentences, syllables, words } from './readability';
import { pictogramExportName } from './pictograms';
import { QUESTIONNAIRE } from './questionnaire';

const isPictogram = (id: string) => pictogramExportName(id) in lucide;
const check = (q: unknown) => checkQuestionnaire(q, fr, isPictogram);
const clone = (): { version: string; questions: Array<Record<string, unknown> & Question> } => structuredClone(QUESTIONNAIRE) as never;

describe('the questionnaire definition', () => {
  it('is sound: shape, ids, kinds, DSI areas, conditions, French texts, pictograms', () => {
    expect(check(QUESTIONNAIRE)).toEqual([]);
  });

  it('fails on an unknown id in a condition (dangling condition)', () => {
    const q = clone();
    const cost = q.questions.find((x) => x.id === 'costBarrier')!;
    (cost as { showIf: unknown }).showIf = { question: 'device', includesNone: ['smartphone'] };
    expect(check(q)).toContain('question "costBarrier": condition on "device", which is not an earlier question');
  });

  it('fails on a condition that looks forward', () => {
    const q = clone();
    (q.questions[0] as { showIf: unknown }).showIf = { question: 'internetUse', anyOf: ['never'] };
    expect(check(q)).toContain('question "devices": condition on "internetUse", which is not an earlier question');
  });

  it('fails on a condition naming an option that does not exist', () => {
    const q = clone();
    const which = q.questions.find((x) => x.id === 'proceduresWhich')!;
    (which as { showIf: unknown }).showIf = { question: 'proceduresHow', anyOf: ['withHelp', 'sometimes'] };
    expect(check(q)).toContain('question "proceduresWhich": condition on "proceduresHow" names unknown option "sometimes"');
  });

  it('fails on an option without a translation', () => {
    const q = clone();
    const devices = q.questions.find((x) => x.id === 'devices')!;
    (devices.options as unknown[]).push({ id: 'smartwatch', labelKey: 'questions.devices.options.smartwatch', pictogram: 'watch' });
    expect(check(q)).toContain(
      'question "devices" option "smartwatch": no French text for "questions.devices.options.smartwatch"',
    );
  });

  it('fails on duplicate ids, unknown pictograms, wrong shapes and a missing DSI area', () => {
    const q = clone();
    q.questions.push(structuredClone(q.questions[0]!));
    (q.questions.find((x) => x.id === 'internetUse') as { pictogram: string }).pictogram = 'no-such-icon';
    expect(check(q)).toEqual(
      expect.arrayContaining(['question "devices": duplicate id', 'question "internetUse": unknown pictogram "no-such-icon"']),
    );
    const withoutSafety = clone();
    withoutSafety.questions = withoutSafety.questions.filter((x) => x.id !== 'skills.safety');
    expect(check(withoutSafety)).toContain('DSI area "safety": 0 skill screens, expected 1');
    expect(check({ version: '', questions: [{ id: 'Bad Id' }] })[0]).toMatch(/^shape: /);
    const unknownField = clone();
    (unknownField.questions[0] as Record<string, unknown>).colour = 'red';
    expect(check(unknownField)[0]).toMatch(/^shape: questions\.0/);
  });
});

/** Every path through the questionnaire, branching only on answers that some condition looks at. */
function allPathLengths(q: Questionnaire): number[] {
  const watched = new Set<string>();
  const collect = (c: unknown): void => {
    if (!c || typeof c !== 'object') return;
    const node = c as Record<string, unknown>;
    if (typeof node.question === 'string') watched.add(node.question);
    for (const child of [...((node.all as unknown[]) ?? []), ...((node.any as unknown[]) ?? []), node.not]) collect(child);
  };
  for (const question of q.questions) {
    collect(question.showIf);
    for (const o of question.options) collect(o.showIf);
  }
  const choices = (question: Question, answers: Answers): Array<string | string[]> => {
    const options = visibleOptions(question, answers).map((o) => o.id);
    // A tick screen with an explicit none takes NONE, never an empty list.
    const noTick = question.explicitNone ? NONE : [];
    if (!watched.has(question.id)) return [question.kind === 'multipleChoice' ? noTick : options[0]!];
    if (question.kind !== 'multipleChoice') return [...options, DONT_KNOW];
    const subsets = options.reduce<string[][]>((acc, id) => [...acc, ...acc.map((s) => [...s, id])], [[]]);
    return [...subsets.filter((subset) => subset.length > 0 || !question.explicitNone), ...(question.explicitNone ? [NONE] : []), DONT_KNOW];
  };
  const lengths: number[] = [];
  const explore = (answers: Answers, depth: number) => {
    const question = nextQuestion(q, answers);
    if (!question) return void lengths.push(depth);
    for (const value of choices(question, answers)) explore({ ...answers, [question.id]: value }, depth + 1);
  };
  explore({}, 0);
  return lengths;
}

describe('path lengths (every path, branching on every answer a condition looks at)', () => {
  const lengths = allPathLengths(QUESTIONNAIRE);

  it('the shortest path is at most 10 screens', () => {
    expect(Math.min(...lengths)).toBeLessThanOrEqual(10);
  });

  it('no path is longer than 22 screens', () => {
    expect(Math.max(...lengths)).toBeLessThanOrEqual(22);
  });

  it('explores a real number of paths', () => {
    expect(lengths.length).toBeGreaterThan(100);
  });
});

describe('plain French (Kandel–Moles readability, short sentences)', () => {
  const textsOf = (node: unknown): string[] =>
    typeof node === 'string' ? [node] : node && typeof node === 'object' ? Object.values(node).flatMap(textsOf) : [];
  const questions = textsOf((fr as Record<string, unknown>).questions);
  const result = textsOf((fr as Record<string, unknown>).result);

  it('counts French syllables the usual way', () => {
    expect(['internet', 'démarches', 'ordinateur', 'une', 'tablette'].map(syllables)).toEqual([3, 2, 4, 1, 2]);
    expect(kandelMoles(['Je lis.'])).toBeGreaterThan(100);
    expect(kandelMoles(['L’administration électronique interministérielle numérise systématiquement.'])).toBeLessThan(0);
  });

  it('the questions and the result read easily: a score of 70 or more', () => {
    expect(kandelMoles(questions)).toBeGreaterThanOrEqual(70);
    expect(kandelMoles(result)).toBeGreaterThanOrEqual(70);
  });

  it('no sentence has more than 20 words', () => {
    const long = [...questions, ...result].flatMap(sentences).filter((sentence) => words(sentence).length > 20);
    expect(long).toEqual([]);
  });
});

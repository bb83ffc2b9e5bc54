import * as v from 'valibot';
import { DSI_AREAS, DONT_KNOW, NONE, SKIPPED, type Condition, type Question, type Questionnaire } from '../domain/questionnaire';

/** The shape of a questionnaire definition, checked at test time (the definition is data: a typo must fail a test). */
const Id = v.pipe(v.string(), v.regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/, 'ids are camelCase words joined by dots'));
const ConditionSchema: v.GenericSchema<Condition> = v.lazy(() =>
  v.union([
    v.strictObject({ question: Id, anyOf: v.pipe(v.array(v.string()), v.minLength(1)) }),
    v.strictObject({ question: Id, includesAny: v.pipe(v.array(v.string()), v.minLength(1)) }),
    v.strictObject({ question: Id, includesNone: v.pipe(v.array(v.string()), v.minLength(1)) }),
    v.strictObject({ question: Id, answeredOtherThan: v.pipe(v.array(v.string()), v.minLength(1)) }),
    v.strictObject({ not: ConditionSchema }),
    v.strictObject({ all: v.pipe(v.array(ConditionSchema), v.minLength(1)) }),
    v.strictObject({ any: v.pipe(v.array(ConditionSchema), v.minLength(1)) }),
  ]),
);
const OptionSchema = v.strictObject({
  id: Id,
  labelKey: v.string(),
  pictogram: v.string(),
  showIf: v.optional(ConditionSchema),
});
const QuestionSchema = v.strictObject({
  id: Id,
  kind: v.picklist(['singleChoice', 'multipleChoice', 'yesNo', 'scale4']),
  dimension: v.picklist(['access', 'use', 'skills', 'procedures', 'attitude', 'helpAround', 'context']),
  area: v.optional(v.picklist(DSI_AREAS)),
  titleKey: v.string(),
  hintKey: v.optional(v.string()),
  pictogram: v.string(),
  options: v.pipe(v.array(OptionSchema), v.minLength(2)),
  showIf: v.optional(ConditionSchema),
  optional: v.optional(v.boolean()),
  explicitNone: v.optional(v.boolean()),
});
export const QuestionnaireSchema = v.strictObject({
  version: v.pipe(v.string(), v.minLength(1)),
  questions: v.pipe(v.array(QuestionSchema), v.minLength(1)),
});

/** Activities per skill screen: 3 to 8 (safety has the survey's 8), from the Eurostat ICT survey. */
export const ACTIVITIES_PER_AREA = { min: 3, max: 8 } as const;

function hasKey(messages: unknown, key: string): boolean {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  return typeof value === 'string' && value.trim() !== '';
}

function conditionProblems(condition: Condition, earlier: ReadonlyMap<string, Question>, where: string): string[] {
  if ('not' in condition) return conditionProblems(condition.not, earlier, where);
  if ('all' in condition) return condition.all.flatMap((c) => conditionProblems(c, earlier, where));
  if ('any' in condition) return condition.any.flatMap((c) => conditionProblems(c, earlier, where));
  const target = earlier.get(condition.question);
  if (!target) return [`${where}: condition on "${condition.question}", which is not an earlier question`];
  if ('answeredOtherThan' in condition) {
    const answers = new Set([DONT_KNOW, SKIPPED, NONE, ...target.options.map((o) => o.id)]);
    return condition.answeredOtherThan
      .filter((id) => !answers.has(id))
      .map((id) => `${where}: condition on "${condition.question}" names unknown answer "${id}"`);
  }
  const values = 'anyOf' in condition ? condition.anyOf : 'includesAny' in condition ? condition.includesAny : condition.includesNone;
  const known = new Set([...target.options.map((o) => o.id), ...('anyOf' in condition ? [DONT_KNOW] : [])]);
  const problems = values.filter((id) => !known.has(id)).map((id) => `${where}: condition on "${condition.question}" names unknown option "${id}"`);
  const isTicks = target.kind === 'multipleChoice';
  if ('anyOf' in condition && isTicks) problems.push(`${where}: "anyOf" on the tick screen "${target.id}" (use includesAny/includesNone)`);
  if (!('anyOf' in condition) && !isTicks) problems.push(`${where}: "${target.id}" is not a tick screen`);
  return problems;
}

/**
 * Every problem of a questionnaire definition, as readable lines (empty when it is sound): its shape, duplicate ids,
 * the rules of each kind, the five DSI areas, conditions that look forward or name unknown ids, texts missing from the
 * French messages, and pictograms that do not exist.
 */
export function checkQuestionnaire(
  questionnaire: unknown,
  messages: unknown,
  isPictogram: (id: string) => boolean,
): string[] {
  const parsed = v.safeParse(QuestionnaireSchema, questionnaire);
  if (!parsed.success) {
    return parsed.issues.map((issue) => `shape: ${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
  }
  const q = parsed.output as Questionnaire;
  const problems: string[] = [];
  const earlier = new Map<string, Question>();
  for (const question of q.questions) {
    const where = `question "${question.id}"`;
    if (earlier.has(question.id)) problems.push(`${where}: duplicate id`);
    const optionIds = question.options.map((o) => o.id);
    for (const id of optionIds.filter((id, i) => optionIds.indexOf(id) !== i)) problems.push(`${where}: duplicate option "${id}"`);
    if (optionIds.includes(DONT_KNOW)) problems.push(`${where}: "${DONT_KNOW}" is given by the screen, not an option`);
    if (optionIds.includes(NONE)) problems.push(`${where}: "${NONE}" is given by the screen (explicitNone), not an option`);
    if (question.explicitNone && question.kind !== 'multipleChoice') problems.push(`${where}: only a tick screen has an explicit none`);
    if (question.dimension === 'skills' && !question.explicitNone) problems.push(`${where}: a skill screen has an explicit none`);
    if (question.kind === 'yesNo' && optionIds.join() !== 'yes,no') problems.push(`${where}: a yes/no question has the options yes, no`);
    if (question.kind === 'scale4' && optionIds.length !== 4) problems.push(`${where}: a 4-step scale has 4 options`);
    if (question.dimension === 'skills') {
      if (!question.area) problems.push(`${where}: a skill screen names its DSI area`);
      if (question.kind !== 'multipleChoice') problems.push(`${where}: a skill screen is a tick screen`);
      if (optionIds.length < ACTIVITIES_PER_AREA.min || optionIds.length > ACTIVITIES_PER_AREA.max) {
        problems.push(`${where}: ${optionIds.length} activities, expected ${ACTIVITIES_PER_AREA.min} to ${ACTIVITIES_PER_AREA.max}`);
      }
    }
    if (question.showIf) problems.push(...conditionProblems(question.showIf, earlier, where));
    const noneKey = question.explicitNone ? `questions.${question.id}.none` : undefined;
    for (const key of [question.titleKey, question.hintKey, noneKey].filter((k): k is string => k !== undefined)) {
      if (!hasKey(messages, key)) problems.push(`${where}: no French text for "${key}"`);
    }
    if (!isPictogram(question.pictogram)) problems.push(`${where}: unknown pictogram "${question.pictogram}"`);
    for (const option of question.options) {
      const at = `${where} option "${option.id}"`;
      if (!hasKey(messages, option.labelKey)) problems.push(`${at}: no French text for "${option.labelKey}"`);
      if (!isPictogram(option.pictogram)) problems.push(`${at}: unknown pictogram "${option.pictogram}"`);
      if (option.showIf) problems.push(...conditionProblems(option.showIf, earlier, at));
    }
    earlier.set(question.id, question);
  }
  for (const area of DSI_AREAS) {
    const screens = q.questions.filter((question) => question.dimension === 'skills' && question.area === area).length;
    if (screens !== 1) problems.push(`DSI area "${area}": ${screens} skill screens, expected 1`);
  }
  return problems;
}

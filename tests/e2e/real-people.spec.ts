import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { spawnCollector, type ChildCollector } from '../../server/testing/spawn-collector';
import { QUESTIONNAIRE } from '../../src/content/questionnaire';
import { test } from './fixtures';
import { ar, fr, openKiosk, putDeviceSettings, readStore, resultHeading, waitForServiceWorkerControl, walk, welcomeStart, type AnswerTable } from './support';

// The five people of the result-validity issue, walked through the real kiosk the way they would answer, with the result
// a mediator would call right (docs/SCORING.md), then counted in one batch of format 2 that the real collector accepts.

const dontKnowSkills = Object.fromEntries(QUESTIONNAIRE.questions.filter((q) => q.area).map((q) => [q.id, 'dontKnow']));

const PEOPLE: ReadonlyArray<{
  who: string;
  language: 'fr' | 'ar';
  table: AnswerTable;
  level: string;
  lowerBound?: boolean;
  levelText: string;
  steps: string[];
}> = [
  {
    who: 'a daily internet user, unsure what the skill screens ask, taps "Je ne sais pas" on all five',
    language: 'fr',
    table: {
      devices: ['smartphone', 'computer', 'homeInternet'], screenDifficulty: 'none', internetUse: 'everyDay', ...dontKnowSkills,
      proceduresHow: 'alone', wishToLearn: 'aLittle', ageBand: 'from35to44',
    },
    level: 'unknown',
    levelText: 'result.levelTexts.unknown',
    steps: ['checkWithMediator', 'keepLearning', 'helpOthers'],
  },
  {
    who: 'a young job-seeker on WhatsApp all day, who first says he never uses "internet"',
    language: 'fr',
    table: {
      devices: ['smartphone'], costBarrier: 'yes', screenDifficulty: 'none', internetUse: 'never', usesApps: 'yes',
      'skills.information': ['goodsOrServices'], 'skills.communication': ['calls', 'messaging', 'socialNetworks'],
      'skills.contentCreation': 'none', 'skills.safety': 'none', 'skills.problemSolving': ['jobSearch'],
      proceduresHow: 'withHelp', proceduresWhich: ['caf', 'franceTravail'], wishToUseMore: 'yes', wishToLearn: 'veryMuch',
      fearOfMistakes: 'aLittle', trust: 'aLittle', helpAround: ['someoneClose'], ageBand: 'from16to24',
    },
    level: 'learning',
    levelText: 'result.levelTexts.learning',
    steps: ['procedures', 'basics', 'job'],
  },
  {
    who: 'a newcomer who reads Arabic, not French, on the kiosk in Arabic',
    language: 'ar',
    table: {
      devices: ['smartphone'], costBarrier: 'no', screenDifficulty: ['reading', 'french'], internetUse: 'everyDay',
      'skills.information': ['goodsOrServices'], 'skills.communication': ['calls', 'messaging'], 'skills.contentCreation': 'none',
      'skills.safety': 'none', 'skills.problemSolving': 'none', proceduresHow: 'withHelp', proceduresWhich: ['caf', 'anef'],
      wishToUseMore: 'yes', wishToLearn: 'veryMuch', fearOfMistakes: 'aLittle', trust: 'quite', helpAround: 'none',
      ageBand: 'from25to34',
    },
    level: 'learning',
    levelText: 'result.levelTexts.learning',
    steps: ['procedures', 'basics', 'safety'],
  },
  {
    who: 'an office worker who copes fully, only "un peu" keen to learn',
    language: 'fr',
    table: {
      devices: ['smartphone', 'computer', 'homeInternet'], screenDifficulty: 'none', internetUse: 'everyDay',
      'skills.information': ['goodsOrServices', 'news'], 'skills.communication': ['email', 'messaging'],
      'skills.contentCreation': ['wordProcessor', 'spreadsheet', 'moveFiles'], 'skills.safety': ['readPrivacyPolicy'],
      'skills.problemSolving': ['installedApps', 'boughtOnline', 'banking'], proceduresHow: 'alone', wishToLearn: 'aLittle',
      ageBand: 'from45to54',
    },
    level: 'autonomous',
    levelText: 'result.levelTexts.autonomous',
    steps: ['safety', 'keepLearning'],
  },
  {
    who: 'a farmer of 78 with no device, who does not want one nor to learn',
    language: 'fr',
    table: {
      devices: 'none', noDeviceWhy: ['dontWant'], screenDifficulty: 'none', internetUse: 'never', proceduresHow: 'someoneElse',
      proceduresWhich: ['msa', 'retirement'], wishToUseMore: 'no', fearOfMistakes: 'notAtAll', trust: 'aLittle',
      helpAround: ['someoneClose'], ageBand: 'from75',
    },
    level: 'firstSteps',
    levelText: 'result.levelTexts.doNotWant',
    steps: ['yourRight'],
  },
];

let collector: ChildCollector | null = null;
test.afterEach(async ({ page }) => {
  // Leave the collector's pages first: the browser then lets go of its connections.
  await page.goto('about:blank').catch(() => undefined);
  collector?.child.kill('SIGTERM');
  await collector?.exited;
  collector = null;
});

test('five real people reach the result a mediator would call right, and their batch of format 3 is accepted', async ({ page }) => {
  test.setTimeout(180_000);
  const database = join(mkdtempSync(join(tmpdir(), 'repere-e2e-people-')), 'collector.db');
  collector = await spawnCollector({ REPERE_DB: database, REPERE_TOKENS: 'people-token-2b7c' });
  // They come ten days ago: a whole week over by now, so the batch can leave.
  const now = Date.now();
  const visitDay = new Date(now - 10 * 86_400_000);
  visitDay.setHours(10, 0, 0, 0);
  await page.clock.install({ time: visitDay });
  await openKiosk(page);
  await waitForServiceWorkerControl(page);

  for (const person of PEOPLE) {
    const t = person.language === 'ar' ? ar : fr;
    if (person.language === 'ar') await page.getByRole('button', { name: 'العربية' }).click();
    await page.getByRole('button', { name: t('welcome.start'), exact: true }).click();
    await walk(page, person.table, t);
    await expect(resultHeading(page, t), person.who).toBeVisible();
    const level = t(`result.levels.${person.level}`);
    await expect(page.locator('#level-name'), person.who).toHaveText(person.lowerBound ? t('result.atLeast').replace('{{level}}', level) : level);
    await expect(page.locator('.level-text'), person.who).toHaveText(t(person.levelText));
    await expect(page.locator('.next-steps li'), person.who).toHaveText(person.steps.map((step) => t(`result.nextSteps.${step}`)));
    // places near Besançon, then the printed page: one A4 page for every kind of result, the week's hours written out
    await page.getByLabel(t('result.places.locationLabel')).fill('25000');
    await page.getByRole('button', { name: t('result.places.search') }).click();
    await expect(page.locator('.places .place').first()).toBeVisible();
    await expect(page.locator('.place-week').first()).toBeAttached();
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length, `${person.who}: printed pages`).toBe(1);
    await page.getByRole('button', { name: t('session.finish') }).click();
    await expect(page.getByRole('button', { name: t('welcome.start'), exact: true }).or(welcomeStart(page))).toBeVisible();
  }

  // The device keeps categories of questionnaire 2 (never the answers): unknowns stay unknown.
  const kept = await readStore(page, 'results');
  // (results have random ids: compare them in a fixed order)
  expect(kept.map((r) => `${String(r.questionnaireVersion)}:${String(r.illectronism)}`).sort()).toEqual(['2:false', '2:false', '2:false', '2:null', '2:true']);
  expect(kept.map((r) => String(r.distanceLevel)).sort()).toEqual(['autonomous', 'firstSteps', 'learning', 'learning', 'unknown']);

  // The mediator turns sending on; today the week is over: one batch of format 3, accepted by the collector.
  await putDeviceSettings(page, {
    inseeCode: '25056', territoryLevel: 'commune', k: 5, sync: { enabled: true, collectorUrl: collector.url, token: 'people-token-2b7c' },
  });
  await page.clock.setSystemTime(new Date(now));
  await page.reload();
  const outbox = () => readStore<{ status: string; batch: Record<string, unknown> & { counts: Record<string, Record<string, number>> } }>(page, 'outbox');
  await expect.poll(async () => (await outbox()).map((entry) => entry.status), { timeout: 30_000 }).toEqual(['sent']);
  const [{ batch }] = (await outbox()) as [Awaited<ReturnType<typeof outbox>>[number]];
  expect(batch).toMatchObject({ format: 3, questionnaireVersion: '2', total: 5 });
  // they passed the tries over: each score "non passé" for the five, nobody in the self-report gap
  expect(batch.counts.observed).toMatchObject({ handling: { notTaken: 5 }, scam: { notTaken: 5 }, icons: { notTaken: 5 }, selfReportGap: 0 });
  expect(batch.counts.illectronism).toEqual({ yes: 1, no: 3, unknown: 1 });
  expect(batch.counts.mainBarrier).toEqual({ motivation: 1, access: 1, skills: 1, none: 2 });
  expect(batch.counts.lastUse).toMatchObject({ last3Months: 4, never: 1 });
  expect(batch.counts.deviceProfile).toMatchObject({ none: 1, smartphoneOnly: 2, withComputerOrTablet: 2 });
  expect(batch.counts.language).toMatchObject({ fr: 4, ar: 1 });
});

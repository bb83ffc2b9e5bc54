// aggregate.build100kMs: building the anonymous batches from 100 000 finished results kept on a device (spread over 30
// weeks, 8 languages, both modes, realistic categories from the real scoring of seeded respondents), median of 7 runs.
import { importTs } from '../../scripts/load-ts.mjs';

export const name = 'aggregate';

const RESULTS = 100_000;
const WEEKS = 30;
const RUNS = 7;

export async function run() {
  const { QUESTIONNAIRE } = await importTs('src/content/questionnaire.ts');
  const { scoreProfile } = await importTs('src/domain/score-profile.ts');
  const { toFinishedResult } = await importTs('src/domain/result.ts');
  const { buildBatches } = await importTs('src/domain/aggregate.ts');
  const { respond, randomChoice, seededRandom } = await importTs('src/domain/testing/respondent.ts');
  const { LANGUAGES } = await importTs('src/domain/language.ts');
  const random = seededRandom(11);
  const now = new Date('2026-12-02T11:00:00Z');
  // 500 distinct scored people, repeated over the weeks: the categories of real results
  const profiles = Array.from({ length: 500 }, () => scoreProfile(QUESTIONNAIRE, respond(QUESTIONNAIRE, randomChoice(random)).answers));
  const results = Array.from({ length: RESULTS }, (_, index) => {
    const finishedAt = new Date(now.getTime() - (1 + Math.floor(random() * WEEKS * 7)) * 86_400_000);
    const session = { mode: index % 5 === 0 ? 'guided' : 'kiosk', language: LANGUAGES[index % LANGUAGES.length] };
    return toFinishedResult(`r${index}`, session, profiles[index % profiles.length], finishedAt);
  });
  let ids = 0;
  const build = () =>
    buildBatches({ results, territory: { level: 'commune', code: '25056' }, k: 5, appVersion: 'bench', now, newId: () => `b${++ids}` });
  build(); // warm-up
  const times = [];
  let batches = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    batches = build().batches.length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  if (process.env.BENCH_VERBOSE) console.log(`  ${batches} batches, runs ${times.map((t) => t.toFixed(0)).join(' ')} ms`);
  return {
    'aggregate.build100kMs': { value: Number(times[Math.floor(RUNS / 2)].toFixed(1)), unit: 'ms', target: 300, better: 'lower' },
  };
}

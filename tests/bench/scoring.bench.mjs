// scoring.scoreProfileMs: the time of one scoreProfile call on realistic answers (400 seeded random respondents,
// scored over and over for about a second), in milliseconds.
import { importTs } from '../../scripts/load-ts.mjs';

export const name = 'scoring';


export async function run() {
  const { QUESTIONNAIRE } = await importTs('src/content/questionnaire.ts');
  const { scoreProfile } = await importTs('src/domain/score-profile.ts');
  const { respond, randomChoice, seededRandom } = await importTs('src/domain/testing/respondent.ts');
  const random = seededRandom(42);
  const respondents = Array.from({ length: 400 }, () => respond(QUESTIONNAIRE, randomChoice(random)).answers);

  let sink = 0;
  for (let i = 0; i < 2000; i += 1) sink += scoreProfile(QUESTIONNAIRE, respondents[i % 400]).barriers.length; // warm-up
  const started = performance.now();
  let calls = 0;
  while (performance.now() - started < 1000) {
    for (const answers of respondents) sink += scoreProfile(QUESTIONNAIRE, answers).barriers.length;
    calls += respondents.length;
  }
  const perCall = (performance.now() - started) / calls;
  if (sink < 0) console.log(sink);
  return {
    'scoring.scoreProfileMs': { value: Number(perCall.toFixed(4)), unit: 'ms', target: 0.05, better: 'lower' },
  };
}

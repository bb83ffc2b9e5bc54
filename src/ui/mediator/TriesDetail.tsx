import { TOUCH_TARGETS_MM, TRY_IDS, scoreTries, touchLevel, type TryOutcome, type Tries } from '../../domain/tries';
import type { DistanceResult } from '../../domain/result';
import { useI18n } from '../hooks/use-i18n';

/** What one try showed, in the mediator's words (docs/TRIES.md). */
function outcomeText(t: (key: string, values?: Record<string, unknown>) => string, outcome: TryOutcome | undefined): string {
  if (!outcome) return t('mediator.tries.notReached');
  if (outcome.status === 'notTaken') return t(`mediator.tries.notTaken.${outcome.reason}`);
  const record = outcome.record;
  switch (record.kind) {
    case 'touch': {
      const missed = record.targets.filter((target) => !target.reached).map((target) => `${target.sizeMm} mm`);
      return touchLevel(record.targets) === 'allReached'
        ? t('mediator.tries.touch.allReached', { count: TOUCH_TARGETS_MM.length })
        : t('mediator.tries.touch.missed', { sizes: missed.join(', ') });
    }
    case 'scroll':
      return t(record.found ? 'mediator.tries.scroll.found' : 'mediator.tries.scroll.notFound');
    case 'write':
      return t(record.matched ? 'mediator.tries.write.matched' : 'mediator.tries.write.notMatched', { count: record.corrections });
    case 'scam': {
      const scores = scoreTries({ scam: outcome });
      return t(scores.clickedScam ? 'mediator.tries.scam.clicked' : 'mediator.tries.scam.safe', { score: scores.scam });
    }
    case 'icons':
      return t('mediator.tries.icons.matched', { score: new Set(record.matched).size, total: 4 });
  }
}

/** Taps beside the target or on the wrong card or meaning, when the try counts them. */
function missesOf(outcome: TryOutcome | undefined): number | null {
  if (outcome?.status !== 'done') return null;
  const record = outcome.record;
  if (record.kind === 'touch') return record.targets.reduce((sum, target) => sum + target.misses, 0);
  if (record.kind === 'scroll' || record.kind === 'icons') return record.misses;
  return null;
}

/**
 * The hands-on tries for the mediator, next to what the person said: each try as it went (done, time, misses, or why
 * it was not passed), and the level the person said beside the level shown with what was seen. Observed, never part of
 * the Eurostat figures.
 */
export function TriesDetail({ tries, said, shown }: { readonly tries: Tries; readonly said: DistanceResult; readonly shown: DistanceResult }) {
  const { t, language } = useI18n();
  const seconds = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  return (
    <section class="result-block" aria-labelledby="guided-tries-title">
      <h2 id="guided-tries-title">{t('mediator.tries.title')}</h2>
      <p class="gentle">{t('mediator.tries.help')}</p>
      <table class="tries-detail">
        <thead>
          <tr>
            <th scope="col">{t('mediator.tries.columns.try')}</th>
            <th scope="col">{t('mediator.tries.columns.outcome')}</th>
            <th scope="col">{t('mediator.tries.columns.time')}</th>
            <th scope="col">{t('mediator.tries.columns.misses')}</th>
          </tr>
        </thead>
        <tbody>
          {TRY_IDS.map((id) => {
            const outcome = tries[id];
            const misses = missesOf(outcome);
            return (
              <tr key={id}>
                <th scope="row">{t(`tries.${id}.title`)}</th>
                <td>{outcomeText(t as never, outcome)}</td>
                <td>{outcome?.status === 'done' ? t('mediator.tries.seconds', { seconds: seconds.format(outcome.record.durationMs / 1000) }) : '—'}</td>
                <td>{misses === null ? '—' : misses}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>{t('mediator.tries.levels', { said: t(`result.levels.${said}`), shown: t(`result.levels.${shown}`) })}</p>
    </section>
  );
}

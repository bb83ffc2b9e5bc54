import type { FinishedResult, ResultCategories } from '../../domain/result';
import { THEMES } from '../../domain/observation';
import { useI18n } from '../hooks/use-i18n';
import { DsiBarChart } from './DsiBarChart';

export type DetailedResult = ResultCategories & Pick<FinishedResult, 'observation'>;

/**
 * The detailed result a mediator reads (never the person's answers): distance level, DSI per area and overall,
 * illectronisme, barriers, autonomy in online procedures on the 3-level scale of activity reports, and the
 * mediator's own observation when there is one.
 */
export function ResultDetail({ result, headingLevel = 2 }: { result: DetailedResult; headingLevel?: 2 | 3 }) {
  const { t } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const observation = result.observation;
  return (
    <div class="result-detail">
      <dl class="detail-list">
        <div>
          <dt>{t('mediator.result.distanceLevel')}</dt>
          <dd>{t(`result.levels.${result.distanceLevel}`)}</dd>
        </div>
        <div>
          <dt>{t('mediator.result.dsiOverall')}</dt>
          <dd>{t(`mediator.result.dsiCategories.${result.dsiOverall}`)}</dd>
        </div>
        <div>
          <dt>{t('mediator.result.illectronism')}</dt>
          <dd>{t(result.illectronism ? 'mediator.result.yes' : 'mediator.result.no')}</dd>
        </div>
        <div>
          <dt>{t('mediator.result.autonomy')}</dt>
          <dd>{result.autonomy ? t(`mediator.autonomy.${result.autonomy}`) : t('mediator.result.notAsked')}</dd>
        </div>
        <div>
          <dt>{t('mediator.result.barriers')}</dt>
          <dd>
            {result.barriers.length === 0
              ? t('mediator.result.noBarrier')
              : result.barriers.map((barrier) => t(`mediator.result.barrierNames.${barrier}`)).join(', ')}
          </dd>
        </div>
      </dl>
      <Heading>{t('mediator.result.chartTitle')}</Heading>
      <DsiBarChart areas={result.dsiAreas} />
      {observation && (observation.autonomy || observation.themes.length > 0) ? (
        <>
          <Heading>{t('mediator.observation.title')}</Heading>
          <dl class="detail-list">
            <div>
              <dt>{t('mediator.observation.autonomy')}</dt>
              <dd>{observation.autonomy ? t(`mediator.autonomy.${observation.autonomy}`) : '—'}</dd>
            </div>
            <div>
              <dt>{t('mediator.observation.themes')}</dt>
              <dd>
                {THEMES.filter((theme) => observation.themes.includes(theme))
                  .map((theme) => t(`mediator.themes.${theme}`))
                  .join(', ') || '—'}
              </dd>
            </div>
          </dl>
        </>
      ) : null}
    </div>
  );
}

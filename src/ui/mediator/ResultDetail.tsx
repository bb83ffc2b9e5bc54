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
  const v2 = result.v2;
  // What the person said; "never needed" and "I don't know" are apart in version 2 (version 1 had one "not asked").
  const procedures = v2?.proceduresStatus ?? result.autonomy;
  const proceduresText =
    procedures === null
      ? t('mediator.result.notAsked')
      : procedures === 'neverNeeded'
        ? t('mediator.result.proceduresNeverNeeded')
        : procedures === 'unknown'
          ? t('mediator.result.proceduresUnknown')
          : t(`mediator.autonomy.${procedures}`);
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
          <dd>
            {t(result.illectronism === null ? 'mediator.result.unknown' : result.illectronism ? 'mediator.result.yes' : 'mediator.result.no')}
          </dd>
        </div>
        {v2 ? (
          <div>
            <dt>{t('mediator.result.lastUse')}</dt>
            <dd>{t(`mediator.result.lastUses.${v2.lastUse}`)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t(v2 ? 'mediator.result.autonomySaid' : 'mediator.result.autonomy')}</dt>
          <dd>{proceduresText}</dd>
        </div>
        {v2 && v2.organisms.length > 0 ? (
          <div>
            <dt>{t('mediator.result.organisms')}</dt>
            <dd>{v2.organisms.map((organism) => t(`mediator.result.organismNames.${organism}`)).join(', ')}</dd>
          </div>
        ) : null}
        {v2 ? (
          <div>
            <dt>{t('mediator.result.deviceProfile')}</dt>
            <dd>{t(`mediator.result.deviceProfiles.${v2.deviceProfile}`)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('mediator.result.barriers')}</dt>
          <dd>
            {result.barriers.length === 0
              ? t('mediator.result.noBarrier')
              : result.barriers.map((barrier) => t(`mediator.result.barrierNames.${barrier}`)).join(', ')}
          </dd>
        </div>
        {v2?.mainBarrier ? (
          <div>
            <dt>{t('mediator.result.mainBarrier')}</dt>
            <dd>{t(`mediator.result.barrierNames.${v2.mainBarrier}`)}</dd>
          </div>
        ) : null}
      </dl>
      {v2?.doesNotWant ? <p class="detail-note">{t('mediator.result.doesNotWant')}</p> : null}
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

import { DSI_AREAS } from '../../domain/questionnaire';
import type { DsiAreaLevelOrUnknown, DsiAreaLevelsOrUnknown } from '../../domain/dsi';
import { useI18n } from '../hooks/use-i18n';

/** Bar height by level: none is a stub (still visible), basic half, above basic full; unknown and not assessed draw no bar (their label says it). */
const HEIGHT: Readonly<Record<DsiAreaLevelOrUnknown, number>> = { none: 0.08, basic: 0.55, aboveBasic: 1, unknown: 0, notAssessed: 0 };
const WIDTH = 640;
const CHART_HEIGHT = 180;
const LABELS_HEIGHT = 56;
const BAR_GAP = 0.35;

/**
 * The DSI level of each of the five areas, as bars: none, basic, above basic. A figure with a title and a
 * description that says the same thing in words; each bar carries its level in text too (colour is never alone).
 */
export function DsiBarChart({ areas }: { areas: DsiAreaLevelsOrUnknown }) {
  const { t } = useI18n();
  const slot = WIDTH / DSI_AREAS.length;
  const barWidth = slot * (1 - BAR_GAP);
  const summary = DSI_AREAS.map((area) => `${t(`mediator.result.areas.${area}`)} : ${t(`mediator.result.areaLevels.${areas[area]}`)}`).join(' ; ');
  return (
    <figure class="dsi-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${CHART_HEIGHT + LABELS_HEIGHT}`}
        role="img"
        aria-labelledby="dsi-chart-title dsi-chart-desc"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="dsi-chart-title">{t('mediator.result.chartTitle')}</title>
        <desc id="dsi-chart-desc">{summary}</desc>
        {[0.55, 1].map((level) => (
          <line key={level} class="dsi-grid" x1="0" x2={WIDTH} y1={CHART_HEIGHT * (1 - level)} y2={CHART_HEIGHT * (1 - level)} />
        ))}
        {DSI_AREAS.map((area, index) => {
          const level = areas[area];
          const height = CHART_HEIGHT * HEIGHT[level];
          const x = index * slot + (slot - barWidth) / 2;
          return (
            <g key={area} class={`dsi-bar dsi-${level}`}>
              <rect x={x} y={CHART_HEIGHT - height} width={barWidth} height={height} rx="4" />
              <text x={x + barWidth / 2} y={CHART_HEIGHT + 22} text-anchor="middle" class="dsi-area">
                {t(`mediator.result.areasShort.${area}`)}
              </text>
              <text x={x + barWidth / 2} y={CHART_HEIGHT + 46} text-anchor="middle" class="dsi-level">
                {t(`mediator.result.areaLevels.${level}`)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="visually-hidden">{summary}</figcaption>
    </figure>
  );
}

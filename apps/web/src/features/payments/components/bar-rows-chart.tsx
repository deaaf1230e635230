import { Box } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';

/**
 * A hand-made horizontal bar chart in SVG: one row per item, its label, a bar on a track and the bar's value in
 * words, so no figure is told by colour or length alone. Rows rather than columns so any number of months fits a
 * phone: below 560 px the label and value sit on a line above the bar. The SVG is one image to a screen reader
 * (`role="img"` named by `summary`); the caller offers the same figures as a table.
 *
 * Colours are fixed hex values chosen for contrast on white: each bar colour at least 3:1 against the page and the
 * track (WCAG 1.4.11), the text at least 4.5:1.
 */
export type BarRow = {
  key: string;
  label: string;
  /** 0 to 1 of the track; null draws no bar (nothing to measure). */
  fraction: number | null;
  color: string;
  /** The figure in words, drawn beside the bar. */
  value: string;
  /** A mark across the track at this fraction (a threshold), with its words. */
  marker?: { at: number; label: string };
  testId?: string;
  status?: string;
};

export const CHART_TEXT = '#212529';
export const CHART_MUTED = '#495057';
const TRACK = '#f1f3f5';
const TRACK_EDGE = '#adb5bd';

const FALLBACK_WIDTH = 640;
const WIDE = 560;

export function BarRowsChart({ rows, summary, testId, labelWidth = 84, valueWidth = 220 }: { rows: BarRow[]; summary: string; testId?: string; labelWidth?: number; valueWidth?: number }) {
  const { ref, width: measured } = useElementSize();
  const width = Math.max(260, Math.round(measured) || FALLBACK_WIDTH);
  const wide = width >= WIDE;
  const barHeight = 14;
  const rowHeight = wide ? 30 : 46;
  const height = rows.length * rowHeight + 4;
  const trackX = wide ? labelWidth : 0;
  const trackWidth = Math.max(40, wide ? width - labelWidth - valueWidth - 12 : width - 2);
  return (
    <Box ref={ref} w="100%">
      <svg role="img" aria-label={summary} width={width} height={height} viewBox={`0 0 ${width} ${height}`} data-testid={testId} style={{ display: 'block', maxWidth: '100%' }}>
        {rows.map((row, index) => {
          const top = index * rowHeight + 2;
          const barY = wide ? top + (rowHeight - barHeight) / 2 : top + 22;
          const textY = wide ? top + rowHeight / 2 + 4.5 : top + 14;
          const filled = row.fraction === null ? 0 : Math.max(0, Math.min(1, row.fraction)) * trackWidth;
          return (
            <g key={row.key} data-testid={row.testId} data-status={row.status}>
              <title>{`${row.label}: ${row.value}${row.marker ? ` (${row.marker.label})` : ''}`}</title>
              <text x={0} y={textY} fontSize={13} fontWeight={600} fill={CHART_TEXT}>
                {row.label}
              </text>
              <rect x={trackX} y={barY} width={trackWidth} height={barHeight} rx={3} fill={TRACK} stroke={TRACK_EDGE} strokeWidth={0.5} />
              {row.fraction !== null && filled > 0 && <rect x={trackX} y={barY} width={Math.max(2, filled)} height={barHeight} rx={3} fill={row.color} />}
              {row.marker && (
                <line x1={trackX + Math.min(1, row.marker.at) * trackWidth} x2={trackX + Math.min(1, row.marker.at) * trackWidth} y1={barY - 4} y2={barY + barHeight + 4} stroke={CHART_TEXT} strokeWidth={2} strokeDasharray="3 2" />
              )}
              <text x={width - 2} y={textY} fontSize={13} textAnchor="end" fill={CHART_TEXT} data-testid="bar-value">
                {row.value}
              </text>
            </g>
          );
        })}
      </svg>
    </Box>
  );
}

/** One bar group: what it counts, and one value per series. */
export type BarChartRow = { label: string; values: number[] };
export type BarChartSeries = { label: string };

/** USWDS primary and orange-warm-60v: each at least 3:1 against white, and told apart by their legend and value text too. */
const COLORS = ["#005ea2", "#c05600", "#4d8055"];

const LABEL_HEIGHT = 22;
const BAR_HEIGHT = 14;
const BAR_GAP = 4;
const ROW_GAP = 12;
/** The longest bar leaves room after it for its value. */
const MAX_BAR_PERCENT = 85;
/** Labels longer than this are shortened in the drawing (the description and the table keep them whole), so a phone never clips them. */
const MAX_LABEL = 36;

function shorten(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1).trimEnd()}…` : label;
}

/**
 * A horizontal bar chart as inline SVG, sized in percentages so it fits any width without scaling
 * its text (no sideways scroll at 390 px). It is one image to assistive technology (role="img"),
 * named by its <title> and described by a <desc> that reads out every value, and it is meant to
 * stand beside a data table holding the same numbers.
 */
export function ReachBarChart({ id, title, series, rows }: { id: string; title: string; series: BarChartSeries[]; rows: BarChartRow[] }) {
  const max = Math.max(1, ...rows.flatMap((row) => row.values));
  const rowHeight = LABEL_HEIGHT + series.length * (BAR_HEIGHT + BAR_GAP) + ROW_GAP;
  const height = Math.max(rowHeight * rows.length, rowHeight);
  const description =
    rows.length === 0
      ? "No data for this period."
      : rows.map((row) => `${row.label}: ${series.map((s, i) => `${s.label} ${row.values[i] ?? 0}`).join(", ")}`).join("; ") + ".";
  return (
    <figure className="margin-x-0 margin-y-2" data-testid={`${id}-chart`}>
      {series.length > 1 ? (
        <ul className="usa-list usa-list--unstyled display-flex flex-wrap margin-bottom-1" aria-hidden="true">
          {series.map((s, i) => (
            <li key={s.label} className="margin-right-2 display-flex flex-align-center">
              <svg width="14" height="14" className="margin-right-05" focusable="false">
                <rect width="14" height="14" fill={COLORS[i % COLORS.length]} />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} width="100%" height={height} className="display-block" focusable="false">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {rows.map((row, r) => {
          const top = r * rowHeight;
          return (
            <g key={row.label}>
              <text x="0" y={top + 16} fontSize="15" fill="#1b1b1b">
                {shorten(row.label)}
              </text>
              {series.map((s, i) => {
                const value = row.values[i] ?? 0;
                const percent = value === 0 ? 0 : Math.max(0.5, (value / max) * MAX_BAR_PERCENT);
                const y = top + LABEL_HEIGHT + i * (BAR_HEIGHT + BAR_GAP);
                return (
                  <g key={s.label}>
                    <rect x="0" y={y} width={`${percent}%`} height={BAR_HEIGHT} fill={COLORS[i % COLORS.length]} />
                    <text x={`${percent}%`} dx="6" y={y + BAR_HEIGHT - 2} fontSize="13" fill="#1b1b1b">
                      {value}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

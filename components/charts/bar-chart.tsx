import { useId } from "react";

/**
 * A horizontal bar chart drawn as inline SVG: presentational, no script, scales to its container.
 * The picture is one image (role="img") named by `title` and described in words by `description`
 * and by an aria-label listing every bar's value, so a screen reader gets the same numbers; pages
 * put a data table of the same values beside it for anyone who wants to read or copy them.
 */
export function BarChart({
  title,
  description,
  labels,
  values,
  formatValue = String,
  className,
}: {
  title: string;
  /** What the chart shows, in a sentence (a total, an average). */
  description?: string;
  labels: string[];
  values: number[];
  /** How a value is said in the text alternative ("3 answers"); the number alone by default. */
  formatValue?: (value: number) => string;
  className?: string;
}) {
  const id = useId();
  const max = Math.max(1, ...values);
  const rowHeight = 44;
  const width = 320;
  const barArea = 250;
  const height = Math.max(rowHeight, labels.length * rowHeight);
  const summary = labels.map((label, i) => `${label}: ${formatValue(values[i] ?? 0)}`).join("; ");
  const alternative = [title, description, summary].filter(Boolean).join(". ");

  return (
    <svg
      role="img"
      // The name is the whole text alternative: the title, the description and every bar's value.
      aria-label={alternative}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
      className={className}
      style={{ maxWidth: "40rem", display: "block" }}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{[description, summary].filter(Boolean).join(". ")}</desc>
      {labels.map((label, i) => {
        const value = values[i] ?? 0;
        const barWidth = value === 0 ? 0 : Math.max(2, (value / max) * barArea);
        const y = i * rowHeight;
        return (
          <g key={`${i}-${label}`} aria-hidden="true">
            <text x={0} y={y + 14} fontSize={12} fill="#1b1b1b">
              {label.length > 48 ? `${label.slice(0, 47)}…` : label}
            </text>
            <rect x={0} y={y + 20} width={barWidth} height={16} fill="#005ea2" rx={2} />
            <text x={barWidth + 6} y={y + 33} fontSize={12} fill="#1b1b1b">
              {value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

// Charts drawn on the server as inline SVG: no chart library, no script. Each chart is an image with a
// spoken summary (`role="img"` and `aria-label`); the page puts the same numbers in a table next to it.
// Every bar carries its text label, so colour is never the only cue; bars have a dark outline, so a pale
// category colour still stands out from the page (WCAG 1.4.11, 3:1 for graphics).

const ink = "#1a1a1a";
const muted = "#4a4a4a";
const line = "#d0d4d9";
const accent = "#1f4e79";
const track = "#f3f5f7";

/** Viewbox width: the SVG scales to its column (at most 36rem, app.css), its text with it, readable on a phone. */
const width = 480;
/** Coordinates to a tenth of a unit: enough for the eye, short in the page. */
const round = (n: number) => Math.round(n * 10) / 10;

export interface BarRow {
  key: string | number;
  /** What is written above the bar: the name (cut with `shortName`) and the number(s). */
  text: string;
  /** The same with the name whole, for the spoken summary. */
  spoken: string;
  value: number;
  /** A limit (capacity, quota): drawn as an outlined track the bar fills. */
  limit?: number | null;
  colour?: string;
}

/** A name as a bar's label shows it: cut when long (the table and the spoken summary have it whole). */
export const shortName = (name: string, max = 36) => (name.length > max ? `${name.slice(0, max - 1).trimEnd()}…` : name);

/** Horizontal bars, one a row, each under its own label. */
export function BarChart({ rows, label }: { rows: BarRow[]; label: string }) {
  const rowHeight = 40;
  const height = Math.max(1, rows.length) * rowHeight;
  const scale = Math.max(1, ...rows.map((r) => Math.max(r.value, r.limit ?? 0)));
  const length = (n: number) => round((n / scale) * (width - 2));
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width="100%" className="chart-svg" fontSize="13">
      {rows.map((r, i) => {
        const y = i * rowHeight;
        return (
          <g key={r.key}>
            <text x="0" y={y + 15} fill={ink}>
              {r.text}
            </text>
            {r.limit ? <rect x="1" y={y + 21} width={length(r.limit)} height="14" fill={track} stroke={muted} strokeWidth="1" /> : null}
            {r.value > 0 ? (
              <rect x="1" y={y + 21} width={Math.max(2, length(r.value))} height="14" fill={r.colour ?? accent} stroke={ink} strokeWidth="1" />
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

export interface DayPoint {
  day: string;
  value: number;
}

/**
 * Days along the bottom (first, middle and last day named), values up the side (0, half, most):
 * `bars` for a count per day, `line` for a running total.
 */
export function DayChart({
  points,
  kind,
  label,
  dayLabel,
  number,
}: {
  points: DayPoint[];
  kind: "bars" | "line";
  label: string;
  dayLabel: (day: string) => string;
  number: (n: number) => string;
}) {
  const height = 200;
  const left = 48;
  const bottom = 24;
  const plotHeight = height - bottom - 8;
  const plotWidth = width - left - 8;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = plotWidth / Math.max(1, points.length);
  const x = (i: number, at = 0.5) => round(left + (i + at) * step);
  const y = (v: number) => round(8 + plotHeight - (v / max) * plotHeight);
  const ticks = [...new Set([0, Math.round(max / 2), max])];
  const named = [...new Set([0, Math.floor((points.length - 1) / 2), points.length - 1])].filter((i) => i >= 0);
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width="100%" className="chart-svg" fontSize="12">
      {ticks.map((v) => (
        <g key={v}>
          <line x1={left} x2={width - 8} y1={y(v)} y2={y(v)} stroke={line} strokeWidth="1" />
          <text x={left - 6} y={y(v) + 4} textAnchor="end" fill={ink}>
            {number(v)}
          </text>
        </g>
      ))}
      {kind === "bars" ? (
        points.map((p, i) =>
          p.value > 0 ? (
            <rect key={p.day} x={x(i, 0.15)} y={y(p.value)} width={round(Math.max(1, step * 0.7))} height={round(y(0) - y(p.value))} fill={accent} />
          ) : null,
        )
      ) : points.length > 1 ? (
        <polyline points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(" ")} fill="none" stroke={accent} strokeWidth="2.5" />
      ) : (
        <circle cx={x(0)} cy={y(points[0]?.value ?? 0)} r="4" fill={accent} />
      )}
      <line x1={left} x2={width - 8} y1={y(0)} y2={y(0)} stroke={ink} strokeWidth="1" />
      {named.map((i) => (
        <text
          key={i}
          x={x(i)}
          y={height - 6}
          fill={ink}
          textAnchor={i === 0 && points.length > 1 ? "start" : i === points.length - 1 && points.length > 1 ? "end" : "middle"}
        >
          {dayLabel(points[i].day)}
        </text>
      ))}
    </svg>
  );
}

/**
 * Charts drawn as plain SVG: bars for categories, a line for the years. Each chart is an image
 * with a name; the table beside it carries the same numbers for screen readers and print.
 */
export interface Series {
  name: string;
  values: Array<number | null>;
}

const BAR = 18;
const GAP = 6;

export function BarChart({ title, labels, series }: { title: string; labels: string[]; series: Series[] }) {
  const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const group = series.length * BAR + GAP * 2;
  const labelWidth = 210;
  const width = 640;
  const plot = width - labelWidth - 50;
  const height = labels.length * group + 8;
  return (
    <svg className="chart" role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="xMinYMin meet">
      {labels.map((label, row) => (
        <g key={label + row} transform={`translate(0, ${row * group + GAP})`}>
          <text x={labelWidth - 8} y={(series.length * BAR) / 2 + 5} textAnchor="end" className="chart-label">
            {label.length > 32 ? `${label.slice(0, 31)}…` : label}
          </text>
          {series.map((s, i) => {
            const value = s.values[row];
            const length = value === null ? 0 : (value / max) * plot;
            return (
              <g key={s.name} transform={`translate(${labelWidth}, ${i * BAR})`}>
                <rect width={Math.max(length, value ? 1 : 0)} height={BAR - 3} className={`bar bar-${i}`} />
                <text x={length + 4} y={BAR - 6} className="chart-value">
                  {value === null ? '–' : value}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}

export function LineChart({ title, labels, series }: { title: string; labels: string[]; series: Series[] }) {
  const width = 640;
  const height = 220;
  const left = 40;
  const bottom = 30;
  const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const x = (i: number) => left + (labels.length <= 1 ? 0 : (i / (labels.length - 1)) * (width - left - 20));
  const y = (v: number) => height - bottom - (v / max) * (height - bottom - 16);
  const step = Math.max(1, Math.ceil(labels.length / 10));
  return (
    <svg className="chart" role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="xMinYMin meet">
      <line x1={left} y1={height - bottom} x2={width - 10} y2={height - bottom} className="axis" />
      <text x={left - 6} y={y(max) + 4} textAnchor="end" className="chart-value">
        {max}
      </text>
      <text x={left - 6} y={height - bottom + 4} textAnchor="end" className="chart-value">
        0
      </text>
      {labels.map(
        (label, i) =>
          (i % step === 0 || i === labels.length - 1) && (
            <text key={label} x={x(i)} y={height - 10} textAnchor="middle" className="chart-value">
              {label}
            </text>
          ),
      )}
      {series.map((s, n) => {
        // A hidden count breaks the line rather than pretending to know it.
        const segments: string[][] = [[]];
        s.values.forEach((v, i) => (v === null ? segments.push([]) : segments[segments.length - 1].push(`${x(i)},${y(v)}`)));
        return (
          <g key={s.name} className={`line line-${n}`}>
            {segments
              .filter((points) => points.length > 0)
              .map((points, k) => (
                <polyline key={k} points={points.join(' ')} fill="none" />
              ))}
            {s.values.map((v, i) => v !== null && <circle key={i} cx={x(i)} cy={y(v)} r={3} />)}
          </g>
        );
      })}
    </svg>
  );
}

import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";

/** A chart's data as a table: one row header, then one value per column. Screen readers read this. */
function DataTable({
  caption,
  header,
  columns,
  rows,
}: {
  caption: string;
  header: string;
  columns: string[];
  rows: Array<{ label: string; values: Array<string | number> }>;
}) {
  return (
    <TableScroll>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{header}</th>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.label}-${i}`}>
              <th scope="row">{r.label}</th>
              {r.values.map((v, j) => (
                <td key={j}>{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export interface Bar {
  label: string;
  value: number;
}

/**
 * Horizontal bars with their values written beside them, then the same data as a table:
 * readable without colour, and the table is what assistive technology reads.
 */
export function BarChart({ id, title, bars, unit }: { id: string; title: string; bars: Bar[]; unit: string }) {
  const { t } = useTranslation("organiser");
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 28;
  const labelWidth = 260;
  const width = 640;
  const barSpace = width - labelWidth - 60;
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {bars.length === 0 ? (
        <p>{t("dashboard.noData")}</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${width} ${bars.length * rowHeight + 8}`} aria-hidden="true" focusable="false">
            {bars.map((b, i) => {
              const y = i * rowHeight + 4;
              const w = Math.round((b.value / max) * barSpace);
              return (
                <g key={`${b.label}-${i}`}>
                  <text x={labelWidth - 8} y={y + 18} textAnchor="end" className="chart-label">
                    {b.label.length > 38 ? `${b.label.slice(0, 37)}…` : b.label}
                  </text>
                  <rect x={labelWidth} y={y + 4} width={Math.max(w, 1)} height={rowHeight - 10} className="chart-bar" />
                  <text x={labelWidth + w + 6} y={y + 18} className="chart-value">
                    {b.value}
                  </text>
                </g>
              );
            })}
          </svg>
          <DataTable
            caption={title}
            header={t("dashboard.category")}
            columns={[unit]}
            rows={bars.map((b) => ({ label: b.label, values: [b.value] }))}
          />
        </>
      )}
    </figure>
  );
}

export interface Series {
  name: string;
  /** Cumulative value per day, aligned with `days`. */
  values: number[];
}

// Told apart by line pattern and marker shape, not by colour.
const patterns = ["", "8 4", "2 4"];
const marker = (i: number, x: number, y: number) =>
  i === 0 ? (
    <circle cx={x} cy={y} r={4} />
  ) : i === 1 ? (
    <rect x={x - 4} y={y - 4} width={8} height={8} />
  ) : (
    <path d={`M${x} ${y - 5}L${x + 5} ${y + 4}L${x - 5} ${y + 4}Z`} />
  );

export function ProgressChart({ id, title, days, series }: { id: string; title: string; days: string[]; series: Series[] }) {
  const { t } = useTranslation("organiser");
  const width = 640;
  const height = 220;
  const pad = { left: 40, right: 110, top: 10, bottom: 30 };
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (i: number) => pad.left + (days.length <= 1 ? 0 : (i / (days.length - 1)) * (width - pad.left - pad.right));
  const y = (v: number) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {days.length === 0 ? (
        <p>{t("dashboard.noData")}</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
            <line x1={pad.left} y1={height - pad.bottom} x2={width - pad.right} y2={height - pad.bottom} className="chart-axis" />
            <text x={pad.left - 6} y={y(max) + 4} textAnchor="end" className="chart-label">
              {max}
            </text>
            <text x={pad.left} y={height - 8} className="chart-label">
              {days[0]}
            </text>
            <text x={width - pad.right} y={height - 8} textAnchor="end" className="chart-label">
              {days.at(-1)}
            </text>
            {series.map((s, si) => (
              <g key={s.name} className="chart-series">
                <polyline points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(" ")} strokeDasharray={patterns[si % 3]} />
                {s.values.map((v, i) => (
                  <g key={i}>{marker(si % 3, x(i), y(v))}</g>
                ))}
                <text x={width - pad.right + 8} y={y(s.values.at(-1) ?? 0) + 4} className="chart-label">
                  {s.name}: {s.values.at(-1)}
                </text>
              </g>
            ))}
          </svg>
          <DataTable
            caption={title}
            header={t("dashboard.day")}
            columns={series.map((s) => s.name)}
            rows={days.map((d, i) => ({ label: d, values: series.map((s) => s.values[i] ?? 0) }))}
          />
        </>
      )}
    </figure>
  );
}

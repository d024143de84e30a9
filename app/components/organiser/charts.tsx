import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";
import type { Bar, StackedData, TableData } from "~/organiser/chart-data";

/**
 * Server-drawn SVG charts. Each is a figure: a caption, an image named by its title and described by
 * its values (role="img"), and the same data as a table folded away in <details> (opened for print).
 * Values are written on the chart and series are told apart by pattern and shape, never by colour alone.
 */

const WIDTH = 640;
const NOTE_WIDTH = 64;
const LINE = 16;
const BAR = 20;
/** About as many characters of 13 px text as fit across the chart. */
const LINE_CHARS = 76;

/** A label in lines of whole words, never cut: the full text stays readable in any language. */
function wrap(label: string): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + word.length + 1 <= LINE_CHARS) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [""];
}

/** Rows of bars, each with its label above it on as many lines as it needs. */
function rowLayout(labels: string[]) {
  let top = 4;
  const rows = labels.map((label) => {
    const lines = wrap(label);
    const row = { top, lines, barY: top + lines.length * LINE + 4 };
    top = row.barY + BAR + 8;
    return row;
  });
  return { rows, height: top };
}

function RowLabel({ lines, top }: { lines: string[]; top: number }) {
  return (
    <text y={top + LINE - 3} className="chart-label">
      {lines.map((line, i) => (
        <tspan key={i} x={0} dy={i === 0 ? 0 : LINE}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** A chart's data as a table: one row header, then one value per column. */
function DataTable({ caption, header, table }: { caption: string; header: string; table: TableData }) {
  return (
    <TableScroll>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{header}</th>
            {table.columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
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

/** The frame every chart shares: caption, the drawing, and its table behind a summary. */
function ChartFigure({
  id,
  title,
  note,
  empty,
  height,
  description,
  header,
  table,
  legend,
  children,
}: {
  id: string;
  title: string;
  note?: string;
  empty: boolean;
  height: number;
  description: string;
  header: string;
  table: TableData;
  legend?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation("organiser");
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        {title}
        {note ? <span className="chart-note">{note}</span> : null}
      </figcaption>
      {empty ? (
        <p>{t("dashboard.noData")}</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
            <title id={`${id}-title`}>{title}</title>
            <desc id={`${id}-desc`}>{description}</desc>
            {children}
          </svg>
          {legend}
          <details className="chart-data">
            <summary>{t("dashboard.showTable")}</summary>
            <DataTable caption={title} header={header} table={table} />
          </details>
        </>
      )}
    </figure>
  );
}

/** Horizontal bars with their values written beside them. */
export function BarChart({
  id,
  title,
  note,
  bars,
  unit,
  header,
}: {
  id: string;
  title: string;
  note?: string;
  bars: Bar[];
  unit: string;
  header?: string;
}) {
  const { t } = useTranslation("organiser");
  const max = Math.max(1, ...bars.map((b) => b.value));
  const barSpace = WIDTH - NOTE_WIDTH;
  const layout = rowLayout(bars.map((b) => b.label));
  return (
    <ChartFigure
      id={id}
      title={title}
      note={note}
      empty={bars.length === 0}
      height={layout.height}
      description={bars.map((b) => `${b.label}: ${b.value}`).join("; ")}
      header={header ?? t("dashboard.category")}
      table={{ columns: [unit], rows: bars.map((b) => ({ label: b.label, values: [b.value] })) }}
    >
      {bars.map((b, i) => {
        const { top, lines, barY } = layout.rows[i]!;
        const w = Math.round((b.value / max) * barSpace);
        return (
          <g key={`${b.label}-${i}`}>
            <RowLabel lines={lines} top={top} />
            <rect x={0} y={barY} width={Math.max(w, 1)} height={BAR} className="chart-bar" />
            <text x={w + 6} y={barY + 15} className="chart-value">
              {b.value}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}

/** Fills that tell segments apart in black and white: solid, hatched, empty, dotted, crossed, striped. */
const FILLS = ["solid", "hatch", "empty", "dots", "cross", "stripes", "vertical"] as const;
const fillId = (chart: string, i: number) => `${chart}-fill-${i}`;

function Fills({ chart, count }: { chart: string; count: number }) {
  return (
    <defs>
      {Array.from({ length: count }, (_, i) => {
        const kind = FILLS[i % FILLS.length];
        return (
          <pattern key={i} id={fillId(chart, i)} width={8} height={8} patternUnits="userSpaceOnUse">
            <rect width={8} height={8} className={kind === "solid" ? "chart-fill-ink" : "chart-fill-paper"} />
            {kind === "hatch" ? <path d="M-2 10L10 -2M-2 2L2 -2M6 10L10 6" className="chart-fill-line" /> : null}
            {kind === "dots" ? <circle cx={4} cy={4} r={1.6} className="chart-fill-ink" /> : null}
            {kind === "cross" ? <path d="M0 0L8 8M8 0L0 8" className="chart-fill-line" /> : null}
            {kind === "stripes" ? <path d="M0 4H8" className="chart-fill-line" /> : null}
            {kind === "vertical" ? <path d="M4 0V8" className="chart-fill-line" /> : null}
          </pattern>
        );
      })}
    </defs>
  );
}

/**
 * One bar per row, split into segments: a rating scale's answers, an item's ranks, invitations'
 * outcomes. Normalised rows are shares of their own total; otherwise all rows share one scale.
 */
export function StackedBarChart({
  id,
  title,
  note,
  data,
  header,
}: {
  id: string;
  title: string;
  note?: string;
  data: StackedData;
  header?: string;
}) {
  const { t } = useTranslation("organiser");
  const totals = data.rows.map((r) => r.values.reduce((sum, v) => sum + v, 0));
  const max = Math.max(1, ...totals);
  const barSpace = WIDTH - NOTE_WIDTH - 8;
  const layout = rowLayout(data.rows.map((r) => r.label));
  const table: TableData = data.table ?? {
    columns: [...data.segments, t("dashboard.total")],
    rows: data.rows.map((r, i) => ({ label: r.label, values: [...r.values, totals[i]!] })),
  };
  return (
    <ChartFigure
      id={id}
      title={title}
      note={note}
      empty={data.rows.length === 0 || totals.every((n) => n === 0)}
      height={layout.height}
      description={data.rows
        .map((r) => `${r.label}: ${r.values.map((v, i) => `${data.segments[i]} ${v}`).join(", ")}${r.note ? ` (${r.note})` : ""}`)
        .join("; ")}
      header={header ?? t("dashboard.category")}
      table={table}
      legend={
        <ul className="chart-legend">
          {data.segments.map((s, i) => (
            <li key={s}>
              <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false" className="chart-swatch">
                <rect x={0.5} y={0.5} width={15} height={15} fill={`url(#${fillId(id, i)})`} className="chart-segment" />
              </svg>
              {s}
            </li>
          ))}
        </ul>
      }
    >
      <Fills chart={id} count={data.segments.length} />
      {data.rows.map((r, ri) => {
        const { top, lines, barY } = layout.rows[ri]!;
        const scale = barSpace / (data.normalised ? Math.max(1, totals[ri]!) : max);
        let x = 0;
        return (
          <g key={`${r.label}-${ri}`}>
            <RowLabel lines={lines} top={top} />
            {r.values.map((v, si) => {
              const w = v * scale;
              const at = x;
              x += w;
              return v === 0 ? null : (
                <g key={si}>
                  <rect x={at} y={barY} width={w} height={BAR} fill={`url(#${fillId(id, si)})`} className="chart-segment" />
                  {w >= 24 ? (
                    <text
                      x={at + w / 2}
                      y={barY + 15}
                      textAnchor="middle"
                      className={`chart-value ${FILLS[si % FILLS.length] === "solid" ? "chart-on-ink" : "chart-on-fill"}`}
                    >
                      {v}
                    </text>
                  ) : null}
                </g>
              );
            })}
            <text x={WIDTH - NOTE_WIDTH} y={barY + 15} className="chart-value">
              {r.note ?? totals[ri]}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}

/** Adjacent columns over equal-width bins, each with its count above it. */
export function Histogram({
  id,
  title,
  note,
  bins,
  unit,
}: {
  id: string;
  title: string;
  note?: string;
  bins: Bar[];
  unit: string;
}) {
  const { t } = useTranslation("organiser");
  const height = 220;
  const pad = { left: 20, right: 20, top: 20, bottom: 30 };
  const max = Math.max(1, ...bins.map((b) => b.value));
  const column = (WIDTH - pad.left - pad.right) / Math.max(1, bins.length);
  const y = (v: number) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  return (
    <ChartFigure
      id={id}
      title={title}
      note={note}
      empty={bins.length === 0}
      height={height}
      description={bins.map((b) => `${b.label}: ${b.value}`).join("; ")}
      header={t("dashboard.range")}
      table={{ columns: [unit], rows: bins.map((b) => ({ label: b.label, values: [b.value] })) }}
    >
      <line x1={pad.left} y1={height - pad.bottom} x2={WIDTH - pad.right} y2={height - pad.bottom} className="chart-axis" />
      {bins.map((b, i) => {
        const x = pad.left + i * column;
        return (
          <g key={`${b.label}-${i}`}>
            <rect
              x={x + 1}
              y={y(b.value)}
              width={Math.max(1, column - 2)}
              height={height - pad.bottom - y(b.value)}
              className="chart-bar"
            />
            <text x={x + column / 2} y={y(b.value) - 4} textAnchor="middle" className="chart-value">
              {b.value}
            </text>
            <text x={x + column / 2} y={height - 10} textAnchor="middle" className="chart-label chart-bin">
              {b.label}
            </text>
          </g>
        );
      })}
    </ChartFigure>
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
  const height = 220;
  const pad = { left: 40, right: 110, top: 10, bottom: 30 };
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (i: number) => pad.left + (days.length <= 1 ? 0 : (i / (days.length - 1)) * (WIDTH - pad.left - pad.right));
  const y = (v: number) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  return (
    <ChartFigure
      id={id}
      title={title}
      empty={days.length === 0}
      height={height}
      description={`${days[0]} – ${days.at(-1)}: ${series.map((s) => `${s.name} ${s.values.at(-1) ?? 0}`).join(", ")}`}
      header={t("dashboard.day")}
      table={{
        columns: series.map((s) => s.name),
        rows: days.map((d, i) => ({ label: d, values: series.map((s) => s.values[i] ?? 0) })),
      }}
    >
      <line x1={pad.left} y1={height - pad.bottom} x2={WIDTH - pad.right} y2={height - pad.bottom} className="chart-axis" />
      <text x={pad.left - 6} y={y(max) + 4} textAnchor="end" className="chart-label">
        {max}
      </text>
      <text x={pad.left} y={height - 8} className="chart-label">
        {days[0]}
      </text>
      <text x={WIDTH - pad.right} y={height - 8} textAnchor="end" className="chart-label">
        {days.at(-1)}
      </text>
      {series.map((s, si) => (
        <g key={s.name} className="chart-series">
          <polyline points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(" ")} strokeDasharray={patterns[si % 3]} />
          {s.values.map((v, i) => (
            <g key={i}>{marker(si % 3, x(i), y(v))}</g>
          ))}
          <text x={WIDTH - pad.right + 8} y={y(s.values.at(-1) ?? 0) + 4} className="chart-label">
            {s.name}: {s.values.at(-1)}
          </text>
        </g>
      ))}
    </ChartFigure>
  );
}

/** What the dashboard's charts draw, computed on the server and drawn by app/components/organiser/charts.tsx. */

export interface Bar {
  label: string;
  value: number;
}

export interface StackedRow {
  label: string;
  /** One value per segment, in the order of `segments`. */
  values: number[];
  /** Written after the bar (a response rate, for instance). */
  note?: string;
}

/** The table under a chart when it should say more than the bars (rates next to counts). */
export interface TableData {
  columns: string[];
  rows: Array<{ label: string; values: Array<string | number> }>;
}

export interface StackedData {
  segments: string[];
  rows: StackedRow[];
  /** Each row drawn as shares of its own total (a rating scale, a response rate) rather than on one common scale. */
  normalised: boolean;
  table?: TableData;
}

interface Charted {
  id: string;
  title: string;
  /** Submitted responses that answered the question, out of `of`. */
  answered: number;
  of: number;
}

/** One chart per closed question: bars for choices, a stacked bar per row or item, a histogram for numbers. */
export type QuestionChart =
  | (Charted & { kind: "bars"; bars: Bar[] })
  | (Charted & { kind: "stacked" } & StackedData)
  | (Charted & { kind: "histogram"; bins: Bar[] });

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Papa from "papaparse";

/** The real readers of .sav files (GNU PSPP, ReadStat, R haven), run on a file and read back as text. */

const parse = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;

/** ReadStat's CSV: raw values (numbers as %f, dates as seconds), system-missing as "". */
export function readstatRows(file: string): string[][] {
  return parse(execFileSync("readstat", [file, "-"], { encoding: "utf8", maxBuffer: 1 << 30 }));
}

/** ReadStat's summary of the file (format, encoding, columns, rows). */
export const readstatMetadata = (file: string) => execFileSync("readstat", [file], { encoding: "utf8" });

/** PSPP's dictionary of the file, and every warning or error it printed on the way. */
export function psppDictionary(file: string): { output: string; problems: string[] } {
  const dir = path.dirname(file);
  const syntax = path.join(dir, "dictionary.sps");
  fs.writeFileSync(syntax, `GET FILE='${path.basename(file)}'.\nDISPLAY DICTIONARY.\n`);
  const run = spawnSync("pspp", ["-O", "format=txt", "-O", "box=ascii", path.basename(syntax)], { cwd: dir, encoding: "utf8" });
  const output = `${run.stdout}${run.stderr}`;
  return { output, problems: output.split("\n").filter((l) => /warning|error/i.test(l)) };
}

/** `pspp-convert file.sav out.csv`: values as their print formats show them. */
export function psppConvertRows(file: string): { rows: string[][]; problems: string } {
  const out = `${file}.pspp.csv`;
  const run = spawnSync("pspp-convert", [file, out], { encoding: "utf8" });
  return { rows: parse(fs.readFileSync(out, "utf8")), problems: `${run.stdout}${run.stderr}`.trim() };
}

export interface HavenVariable {
  name: string;
  label: string;
  className: string;
  naValues: string[];
  /** The user-missing range, when more codes than SPSS's three discrete values are declared. */
  naRange?: [number, number];
  labels: Array<{ code: string; label: string }>;
  format: string;
}

const R_SCRIPT = String.raw`
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(haven))
d <- read_sav(args[1], user_na = TRUE)
meta <- file(args[2], open = "w", encoding = "UTF-8")
for (name in names(d)) {
  x <- d[[name]]
  labels <- attr(x, "labels")
  pairs <- if (is.null(labels)) "" else paste(paste0(unname(labels), "\x1f", names(labels)), collapse = "\x1e")
  na <- attr(x, "na_values")
  writeLines(paste(name, if (is.null(attr(x, "label"))) "" else attr(x, "label"), class(x)[1],
    if (is.null(na)) "" else paste(format(na, digits = 15), collapse = ","), pairs,
    if (is.null(attr(x, "format.spss"))) "" else attr(x, "format.spss"),
    if (is.null(attr(x, "na_range"))) "" else paste(format(attr(x, "na_range"), digits = 15), collapse = ","), sep = "\t"), meta)
}
close(meta)
values <- as.data.frame(lapply(d, function(x) as.character(unclass(x))), check.names = FALSE)
write.csv(values, args[3], row.names = FALSE, fileEncoding = "UTF-8", na = "")
dates <- read_sav(args[1])
is_date <- vapply(dates, function(x) inherits(x, "Date"), logical(1))
if (any(is_date)) {
  write.csv(as.data.frame(lapply(dates[is_date], as.character), check.names = FALSE), args[4], row.names = FALSE, fileEncoding = "UTF-8", na = "NA")
} else writeLines("", args[4])
`;

/**
 * R haven's reading: with user_na = TRUE, each variable's label, class, user-missing values, value
 * labels and print format, and every value as text (numbers with 15 digits); and, read as analysts
 * usually do (user_na = FALSE), the date variables as R dates, missing codes as NA.
 */
export function havenRead(file: string): { variables: HavenVariable[]; rows: string[][]; dates: string[][] } {
  const script = `${file}.R`;
  fs.writeFileSync(script, R_SCRIPT);
  const [meta, values, dates] = ["meta.tsv", "values.csv", "dates.csv"].map((f) => `${file}.${f}`);
  const run = spawnSync("Rscript", [script, file, meta!, values!, dates!], { encoding: "utf8" });
  if (run.status !== 0 || run.stderr.trim()) throw new Error(`Rscript: ${run.stderr}`);
  const variables = fs
    .readFileSync(meta!, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line): HavenVariable => {
      const [name, label, className, na, pairs, format, range] = line.split("\t");
      return {
        name: name!,
        label: label!,
        className: className!,
        naValues: na ? na.split(",") : [],
        naRange: range ? (range.split(",").map(Number) as [number, number]) : undefined,
        labels: pairs
          ? pairs.split("\x1e").map((p) => {
              const [code, l] = p.split("\x1f");
              return { code: code!, label: l! };
            })
          : [],
        format: format!,
      };
    });
  return { variables, rows: parse(fs.readFileSync(values!, "utf8")), dates: parse(fs.readFileSync(dates!, "utf8")) };
}

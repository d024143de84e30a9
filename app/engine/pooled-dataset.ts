import type { ResolvedAnswer } from "./answer-states";
import { datasetModel, type Cell, type ValueCode, type Variable } from "./dataset-model";
import type { Questionnaire } from "./definition";
import { MISSING, type MissingCode } from "./missing";

/**
 * One dataset over several versions of a questionnaire: variables are aligned by name (and options by
 * code, which never change meaning across versions), so a response answered in v1 and one answered in
 * v2 share columns. Each response's cells come from its own version's variable; a variable its version
 * does not have is "not asked" (MISSING.notAsked), a missing code of its own.
 */
export interface PooledVariable extends Variable {
  /** The variable as each pooled version that asks it declares it, oldest version first. */
  asked: ReadonlyMap<number, Variable>;
  /** Every version of the dataset this variable belongs to. */
  pooledVersions: readonly number[];
}

export interface PooledDataset {
  /** The pooled versions, oldest first; the latest one orders the variables. */
  versions: number[];
  /** The latest version's variables in its order, then those only older versions ask. */
  variables: PooledVariable[];
  /** Each repeatable group's item variables, pooled the same way. */
  groups: Map<string, PooledVariable[]>;
}

/** Codes of every version that has them, in the latest order; a label key from the newest version with the code. */
function unionValues(variables: Variable[]): Variable["values"] {
  const newestFirst = [...variables].reverse();
  if (newestFirst[0]!.values === "countries") return "countries";
  const byCode = new Map<number, ValueCode>();
  for (const v of newestFirst)
    for (const value of v.values as ValueCode[]) if (!byCode.has(value.code)) byCode.set(value.code, value);
  return [...byCode.values()];
}

function pool(byVersion: Array<[number, Variable[]]>): PooledVariable[] {
  const pooledVersions = byVersion.map(([version]) => version);
  const asked = new Map<string, Map<number, Variable>>();
  // Newest version first: its order wins, and a removed variable comes after those still asked.
  for (const [version, variables] of [...byVersion].reverse())
    for (const v of variables) {
      const versions = asked.get(v.name) ?? new Map<number, Variable>();
      versions.set(version, v);
      asked.set(v.name, versions);
    }
  return [...asked.values()].map((versions) => {
    const oldestFirst = new Map([...versions].sort(([a], [b]) => a - b));
    const declared = [...oldestFirst.values()];
    const newest = declared.at(-1)!;
    const missing: MissingCode[] = [...new Set(declared.flatMap((v) => v.missing))];
    if (oldestFirst.size < pooledVersions.length) missing.push(MISSING.notAsked);
    const joinedCodes = newest.joinedCodes && unionValues(declared.map((v) => ({ ...v, values: v.joinedCodes! })));
    return {
      ...newest,
      values: unionValues(declared),
      ...(joinedCodes ? { joinedCodes: joinedCodes as ValueCode[] } : {}),
      missing,
      ...(newest.maxLength ? { maxLength: Math.max(...declared.map((v) => v.maxLength ?? 0)) } : {}),
      asked: oldestFirst,
      pooledVersions,
    };
  });
}

const pooled = new WeakMap<Questionnaire, Map<string, PooledDataset>>();

/** The dataset of several versions of one questionnaire (one version: its own dataset, no "not asked"). */
export function pooledDataset(versions: readonly Questionnaire[]): PooledDataset {
  const ordered = [...versions].sort((a, b) => a.version - b.version);
  const latest = ordered.at(-1)!;
  const key = ordered.map((q) => q.version).join(",");
  const cached = pooled.get(latest)?.get(key);
  if (cached) return cached;
  const models = ordered.map((q) => [q.version, datasetModel(q)] as const);
  const groupIds = [...new Set(models.flatMap(([, m]) => [...m.groups.keys()]))];
  const dataset: PooledDataset = {
    versions: ordered.map((q) => q.version),
    variables: pool(models.map(([v, m]) => [v, m.variables])),
    groups: new Map(groupIds.map((id) => [id, pool(models.map(([v, m]) => [v, m.groups.get(id) ?? []]))])),
  };
  if (!pooled.has(latest)) pooled.set(latest, new Map());
  pooled.get(latest)!.set(key, dataset);
  return dataset;
}

/**
 * A response's cell: from the variable of the version it was answered in, "not asked" when that pooled
 * version has no such variable; a version outside the pool reads as the latest (one-version datasets).
 */
export function pooledCell(variable: PooledVariable, version: number, answer: ResolvedAnswer | undefined): Cell {
  if (notAskedIn(variable, version)) return MISSING.notAsked;
  return (variable.asked.get(version) ?? variable).cell(answer);
}

/** The version is pooled and does not ask the variable. */
export const notAskedIn = (variable: PooledVariable, version: number) =>
  variable.pooledVersions.includes(version) && !variable.asked.has(version);

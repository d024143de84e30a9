// npm run definition:changelog -- pre-regm 1 2: the questions and options added, removed and reworded.
import { versionWordings } from "../app/questionnaires/released.server";
import { formatChangelog } from "../app/questionnaires/versions";

const [id, from, to] = process.argv.slice(2);
const versions = id ? versionWordings(id) : [];
const find = (v: string | undefined) => versions.find((x) => x.questionnaire.version === Number(v));
const older = find(from);
const newer = find(to);
if (!id || !older || !newer) {
  console.error(
    `Usage: npm run definition:changelog -- <id> <from> <to> (versions of ${id ?? "?"}: ${versions.map((v) => v.questionnaire.version).join(", ") || "none"})`,
  );
  process.exit(2);
}
process.stdout.write(formatChangelog(id, older, newer));

// npm run definition:release -- pre-regm/v2.json: freezes a version (its digest and English wording go
// into released.json). A released version is never edited again; a test holds it to that.
import { readReleased, release, writeReleased } from "../app/questionnaires/released.server";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run definition:release -- <id>/v<N>.json");
  process.exit(2);
}
const released = readReleased();
if (released[file]) {
  console.error(`${file} is already released; put changes in a new version.`);
  process.exit(1);
}
writeReleased(release(file, released));
console.log(`Released ${file}`);

// npx tsx scripts/i18n-pseudo.ts OUT_DIR [--lang en-XA] [--from DIR]
//
// Writes a pseudo-locale for tests into OUT_DIR (a temporary folder, never locales/):
// OUT_DIR/en/ (English as it is, the app's fallback) and OUT_DIR/<lang>/ (every English
// text marked, accented and 35 % longer, placeholders kept). Serve the app with
// LOCALES_DIR=OUT_DIR and open a page with ?lng=en-XA.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fallbackLanguage } from "../app/i18n/config";
import { formatLocaleFile } from "../app/i18n/locale-tree";
import { pseudoLocale } from "../app/i18n/pseudo";
import { loadResources, localesDir } from "../app/i18n/resources.server";

const usage = "Usage: npx tsx scripts/i18n-pseudo.ts OUT_DIR [--lang en-XA] [--from DIR]";
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    lang: { type: "string", default: "en-XA" },
    from: { type: "string" },
  },
});

const out = positionals[0] ? path.resolve(positionals[0]) : undefined;
const from = path.resolve(values.from ?? localesDir);
const language = values.lang!;
if (!out || positionals.length > 1) {
  console.error(usage);
  process.exit(2);
}
const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};
if (inside(out, from) || inside(from, out)) {
  console.error(`Refusing to write into ${from} or a folder that holds it: give a separate folder, for example $(mktemp -d).`);
  process.exit(2);
}
if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language) || language === fallbackLanguage) {
  console.error(`--lang must be a language code other than ${fallbackLanguage}, like en-XA.`);
  process.exit(2);
}

const english = loadResources(from)[fallbackLanguage]!;
const write = (lang: string, namespaces: Record<string, unknown>) => {
  fs.mkdirSync(path.join(out, lang), { recursive: true });
  for (const [namespace, tree] of Object.entries(namespaces)) {
    fs.writeFileSync(path.join(out, lang, `${namespace}.json`), formatLocaleFile(tree));
  }
};
write(fallbackLanguage, english);
write(language, pseudoLocale(english));
console.log(`Wrote ${Object.keys(english).length} namespaces of ${language} (pseudo) and ${fallbackLanguage} to ${out}`);

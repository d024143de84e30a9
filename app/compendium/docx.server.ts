import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { draftHeadings, type Draft } from "./draft.server";

const paragraphsOf = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => new Paragraph({ children: p.split("\n").map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 })) }));

const entryHeading = (e: { number: number; title: string }) => `${e.number}. ${e.title}`;

/**
 * The draft as a Word document, which editors finish in Word: contents, one part per sector (each on a
 * new page) with its practices and entries, the country index and the sources appendix.
 */
export async function compendiumDocx(draft: Draft): Promise<Buffer> {
  const headings = draftHeadings(draft.language);
  const children: Paragraph[] = [new Paragraph({ text: draft.title, heading: HeadingLevel.TITLE })];
  if (!draft.entries.length) children.push(new Paragraph({ text: headings.empty }));
  children.push(new Paragraph({ text: headings.contents, heading: HeadingLevel.HEADING_1 }));
  for (const sector of draft.sectors) {
    children.push(new Paragraph({ children: [new TextRun({ text: sector.label, bold: true })] }));
    for (const practice of sector.practices) {
      children.push(new Paragraph({ text: practice.label, indent: { left: 360 } }));
      for (const e of practice.entries) children.push(new Paragraph({ text: entryHeading(e), indent: { left: 720 } }));
    }
  }
  for (const sector of draft.sectors) {
    children.push(new Paragraph({ text: sector.label, heading: HeadingLevel.HEADING_1, pageBreakBefore: true }));
    for (const practice of sector.practices) {
      children.push(new Paragraph({ text: practice.label, heading: HeadingLevel.HEADING_2 }));
      for (const e of practice.entries) {
        children.push(new Paragraph({ text: entryHeading(e), heading: HeadingLevel.HEADING_3 }));
        children.push(...paragraphsOf(e.summary));
        for (const fact of e.facts)
          children.push(
            new Paragraph({ children: [new TextRun({ text: `${fact.label}: `, bold: true }), new TextRun(fact.value)] }),
          );
      }
    }
  }
  children.push(new Paragraph({ text: headings.countryIndex, heading: HeadingLevel.HEADING_1, pageBreakBefore: true }));
  for (const c of draft.countryIndex) children.push(new Paragraph({ text: `${c.country}: ${c.entries.join(", ")}` }));
  children.push(new Paragraph({ text: headings.sources, heading: HeadingLevel.HEADING_1, pageBreakBefore: true }));
  for (const e of draft.entries) {
    children.push(new Paragraph({ text: entryHeading(e), heading: HeadingLevel.HEADING_3 }));
    for (const source of e.sources) children.push(new Paragraph({ text: source, bullet: { level: 0 } }));
  }
  const doc = new Document({
    title: draft.title,
    creator: "Consulta",
    // Word's proofing language: Spanish text checked as Spanish.
    styles: { default: { document: { run: { language: { value: draft.language } } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

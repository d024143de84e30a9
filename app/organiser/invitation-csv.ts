import Papa from "papaparse";
import { languageName } from "~/i18n/language-name";

export interface InvitationRowInput {
  name: string;
  email: string;
  organisation: string;
  language: string;
  country: string;
  region: string;
  sector: string;
}

export type RowVerdict =
  { row: number; email: string; added: true } | { row: number; email: string; added: false; reasons: string[] };

const HEADER_ALIASES: Record<string, keyof InvitationRowInput> = {
  name: "name",
  nombre: "name",
  email: "email",
  "e-mail": "email",
  correo: "email",
  "correo electrónico": "email",
  organisation: "organisation",
  organization: "organisation",
  organización: "organisation",
  organizacion: "organisation",
  language: "language",
  idioma: "language",
  country: "country",
  país: "country",
  pais: "country",
  region: "region",
  región: "region",
  sector: "sector",
  "organisation type": "sector",
  "organization type": "sector",
  "tipo de organización": "sector",
  "tipo de organizacion": "sector",
};

/** A language as people write it in a spreadsheet: its code ("es"), or its name in any offered language ("Español", "Spanish"). */
function languageCode(written: string, languages: readonly string[]): string {
  const value = written.trim().toLowerCase();
  if (languages.includes(value)) return value;
  return languages.find((code) => languages.some((reader) => languageName(code, reader).toLowerCase() === value)) ?? value;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Reads an uploaded invitation list and judges each row: what can be added, and why
 * any row cannot (reason keys for the organiser's language). Headers may be English or Spanish.
 */
export function checkInvitationCsv(
  text: string,
  {
    languages,
    offered = languages,
    alreadyInvited,
  }: {
    languages: readonly string[];
    /** The languages of the consultation invited to: a language the app knows but it does not offer is refused. */
    offered?: readonly string[];
    alreadyInvited: ReadonlySet<string>;
  },
): { rows: InvitationRowInput[]; verdicts: RowVerdict[]; headerProblem: string | null } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => HEADER_ALIASES[h.trim().toLowerCase()] ?? h.trim().toLowerCase(),
  });
  const fields = parsed.meta.fields ?? [];
  const missing = (["name", "email", "organisation", "language"] as const).filter((f) => !fields.includes(f));
  if (missing.length) return { rows: [], verdicts: [], headerProblem: missing.join(", ") };

  const seen = new Set<string>();
  const rows: InvitationRowInput[] = [];
  const verdicts: RowVerdict[] = parsed.data.map((record, index) => {
    const row = index + 2; // the header is line 1
    const input = {
      name: (record.name ?? "").trim(),
      email: (record.email ?? "").trim().toLowerCase(),
      organisation: (record.organisation ?? "").trim(),
      language: languageCode(record.language ?? "", languages),
      country: (record.country ?? "").trim(),
      region: (record.region ?? "").trim(),
      sector: (record.sector ?? "").trim(),
    };
    const reasons: string[] = [];
    if (!input.name) reasons.push("nameMissing");
    if ([input.name, input.organisation, input.country, input.region, input.sector].some((v) => v.length > 200))
      reasons.push("tooLong");
    if (!EMAIL.test(input.email) || input.email.length > 254) reasons.push("emailInvalid");
    else if (seen.has(input.email)) reasons.push("duplicateInFile");
    else if (alreadyInvited.has(input.email)) reasons.push("alreadyInvited");
    if (!languages.includes(input.language)) reasons.push("languageUnknown");
    else if (!offered.includes(input.language)) reasons.push("languageNotOffered");
    if (reasons.length) return { row, email: input.email, added: false, reasons };
    seen.add(input.email);
    rows.push(input);
    return { row, email: input.email, added: true };
  });
  return { rows, verdicts, headerProblem: null };
}

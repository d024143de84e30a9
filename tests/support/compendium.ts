import { migrateToLatest, openDatabase } from "../../db/connection";
import type { AnswerValue } from "../../app/engine/conditions";
import { createResponse, saveSection, submitResponse } from "../../app/models/response.server";

/** A Pre-REGM respondent as the Compendium reads them: answers by question id, submitted unless `draft`. */
export interface SeedRespondent {
  id: string;
  language: string;
  answers: Record<string, AnswerValue>;
  draft?: boolean;
}

const example = (fields: Record<string, unknown>) => ({ partners: [], sectors: [], ...fields });

/**
 * Three examples, one for each citation answer (named, without names, ask first), from respondents of
 * three sectors; two of them asked to join the hub. Plus a hub "yes" without an address and a draft.
 */
export const COMPENDIUM_RESPONDENTS: SeedRespondent[] = [
  {
    id: "00000000-0000-4000-8000-00000000000a",
    language: "en",
    answers: {
      org_type: 5,
      country: "MX",
      areas: [1],
      chal_sc: { "1": 4, "2": 3, "5": 2 },
      ppp_ex: [
        example({
          name: "Red Camionera Segura",
          main_country: "MX",
          sectors: [1],
          year: 2019,
          status: 1,
          activities: "Truck drivers trained to spot and report trafficking.",
          may_cite: 1,
        }),
      ],
      practice: [2, 8],
      hub: 1,
      consent: true,
      email: "ana@example.org",
    },
  },
  {
    id: "00000000-0000-4000-8000-00000000000b",
    language: "es",
    answers: {
      org_type: 6,
      country: "GT",
      areas: [2],
      chal_fi: { "3": 4, "4": 4 },
      ppp_ex: [
        example({
          name: "Fundación Luz, Banco Azul",
          main_country: "GT",
          sectors: [2],
          activities: "Tipologías compartidas con la unidad de inteligencia financiera.",
          may_cite: 2,
        }),
      ],
      practice: [4, 2],
      hub: 2,
      consent: true,
      email: "beto@example.org",
    },
  },
  {
    id: "00000000-0000-4000-8000-00000000000c",
    language: "es",
    answers: {
      org_type: 4,
      country: "PA",
      areas: [3],
      chal_te: { "10": 3 },
      ppp_ex: [
        example({
          name: "Alerta Digital Panamá",
          main_country: "PA",
          sectors: [3],
          activities: "Screening of job ads.",
          may_cite: 4,
        }),
      ],
      practice: [6],
      hub: 1,
      consent: true,
      email: "carla@example.org",
    },
  },
  {
    id: "00000000-0000-4000-8000-00000000000d",
    language: "en",
    answers: { org_type: 7, country: "CR", areas: [97], hub: 1, consent: true },
  },
  {
    id: "00000000-0000-4000-8000-00000000000e",
    language: "en",
    answers: { org_type: 2, country: "HN", areas: [97], hub: 1, consent: true, email: "draft@example.org" },
    draft: true,
  },
];

/** Stores respondents straight in the app's database, as their section saves and submission would. */
export async function seedRespondents(databasePath: string, respondents: SeedRespondent[] = COMPENDIUM_RESPONDENTS) {
  const db = openDatabase(databasePath);
  try {
    await migrateToLatest(db);
    for (const r of respondents) {
      await createResponse(db, {
        id: r.id,
        questionnaireId: "pre-regm",
        questionnaireVersion: 1,
        language: r.language,
        tokenHash: `t-${r.id}`,
        codeHash: `c-${r.id}`,
      });
      const answers = Object.entries(r.answers).map(([variable, value]) => ({ variable, state: "answered" as const, value }));
      await saveSection(db, { responseId: r.id, language: r.language, currentSection: null, answers, notShown: [] });
      if (!r.draft) await submitResponse(db, r.id);
    }
  } finally {
    await db.destroy();
  }
}

/**
 * Which questions of a questionnaire feed the Compendium and the stakeholder directory: the only place
 * that names them. Everything else reads answers generically by these ids, through the compiled dataset
 * model, so a reworded or extended questionnaire needs a change here at most.
 */
export interface CompendiumFields {
  /** The repeatable group whose items are the examples. */
  group: string;
  /** Ids of the group's item questions. */
  item: {
    /** Texts whose words are the example's names (partnership, partners): refused in anonymised wording. */
    names: readonly string[];
    country: string;
    otherCountries: string;
    sectors: string;
    year: string;
    status: string;
    activities: string;
    results: string;
    link: string;
    cite: string;
  };
  /** The codes of the item's citation question. */
  cite: { named: number; anonymous: number; refused: number; askFirst: number };
  /** The list whose codes group the draft by sector, in this order; examples with none go under `otherSector`. */
  sectorList: string;
  otherSector: number;
  /** The respondent's question whose codes tag entries ("similar practices"), and its list. */
  practice: string;
  practiceList: string;
  /** The respondent's profile shown beside each example and offered as filters. */
  profile: { orgType: string; country: string; sector: string };
  /** The stakeholder directory: the hub question's "yes", the consent, the contact address. */
  directory: { hub: string; yes: number; consent: string; email: string };
}

const preRegm: CompendiumFields = {
  group: "ppp_ex",
  item: {
    names: ["name", "partners"],
    country: "main_country",
    otherCountries: "other_countries",
    sectors: "sectors",
    year: "year",
    status: "status",
    activities: "activities",
    results: "results",
    link: "link",
    cite: "may_cite",
  },
  cite: { named: 1, anonymous: 2, refused: 3, askFirst: 4 },
  sectorList: "ex_sector",
  otherSector: 96,
  practice: "practice",
  practiceList: "practice",
  profile: { orgType: "org_type", country: "country", sector: "areas" },
  directory: { hub: "hub", yes: 1, consent: "consent", email: "email" },
};

const byQuestionnaire: Record<string, CompendiumFields> = { "pre-regm": preRegm };

/** The questionnaire's Compendium fields, or undefined when it feeds no Compendium. */
export const compendiumFieldsOf = (questionnaireId: string): CompendiumFields | undefined => byQuestionnaire[questionnaireId];

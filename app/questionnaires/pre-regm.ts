/**
 * The Pre-REGM questionnaire on public-private partnerships against trafficking in persons.
 * Wording lives in locales/<language>/pre-regm.json; codes here are stable: never reuse one.
 */
export default {
  id: "pre-regm",
  version: 1,
  languages: ["en", "es"],
  lists: {
    org_type: [
      { code: 1 },
      { code: 2 },
      { code: 3 },
      { code: 4 },
      { code: 5 },
      { code: 6 },
      { code: 7 },
      { code: 8 },
      { code: 96, other: true },
    ],
  },
  sections: [
    {
      id: "about",
      intro: true,
      questions: [
        { id: "org_type", type: "single", list: "org_type", required: true },
        {
          id: "country",
          type: "country",
          required: true,
          // Mexico, Central America, then the Caribbean: the region of the first meetings.
          priority: ["MX", "BZ", "CR", "SV", "GT", "HN", "NI", "PA", "AG", "BS", "BB", "CU", "DM", "DO", "GD", "HT", "JM", "KN", "LC", "VC", "TT", "PR"],
        },
        { id: "role", type: "text", maxLength: 200, hint: true },
      ],
    },
  ],
};

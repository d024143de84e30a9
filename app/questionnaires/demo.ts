/**
 * A demonstration questionnaire that uses every question type and every skip-logic
 * operator. The engine's browser tests answer it; organisers can try it with ENABLE_DEMO=1.
 */
export default {
  id: "demo",
  version: 1,
  languages: ["en", "es"],
  seedThemes: [
    { code: "training", description: true },
    { code: "financing", description: true },
    { code: "legal_basis" },
    { code: "awareness" },
  ],
  lists: {
    yes_no: [{ code: 1 }, { code: 2 }],
    fruit: [{ code: 1 }, { code: 2 }, { code: 3 }, { code: 96, other: true }],
    channels: [{ code: 1 }, { code: 2 }, { code: 3 }, { code: 96, other: true }, { code: 97, exclusive: true }],
    sizes: [
      { code: 1 },
      { code: 2 },
      { code: 3 },
      { code: 4 },
      { code: 5 },
      { code: 6 },
      { code: 7 },
      { code: 8 },
      { code: 9 },
      { code: 10 },
      { code: 11 },
      { code: 12 },
      { code: 13 },
      { code: 14 },
    ],
    aspects: [{ code: 1 }, { code: 2 }, { code: 3 }],
    agreement: [{ code: 1 }, { code: 2 }, { code: 3 }, { code: 4 }],
    enablers: [{ code: 1 }, { code: 2 }, { code: 3 }, { code: 4 }, { code: 5 }],
    sectors: [{ code: 1 }, { code: 2 }, { code: 3 }],
  },
  sections: [
    {
      id: "choices",
      intro: true,
      questions: [
        { id: "likes_fruit", type: "single", list: "yes_no", required: true },
        { id: "fruit", type: "single", list: "fruit", required: true, showIf: { q: "likes_fruit", equals: 1 } },
        { id: "channels", type: "multiple", list: "channels", min: 1, max: 3, hint: true },
        { id: "channel_note", type: "text", showIf: { q: "channels", contains: 2 } },
        { id: "size", type: "single", list: "sizes" },
        { id: "big_note", type: "text", showIf: { q: "size", in: [12, 13, 14] } },
      ],
    },
    {
      id: "facts",
      questions: [
        { id: "name", type: "text", maxLength: 80 },
        { id: "story", type: "longtext", maxLength: 300, showIf: { q: "name", answered: true } },
        { id: "staff", type: "number", integer: true, min: 0, max: 100000 },
        { id: "share", type: "number", min: 0, max: 100, showIf: { not: { q: "staff", equals: 0 } } },
        { id: "started", type: "date", min: "1950-01-01", max: "2030-12-31" },
        { id: "contact", type: "email" },
        { id: "based_in", type: "country", priority: ["MX", "GT", "HN"] },
      ],
    },
    {
      id: "opinions",
      showIf: {
        any: [
          { q: "likes_fruit", equals: 1 },
          { all: [{ q: "channels", answered: true }, { not: { q: "channels", contains: 97 } }] },
        ],
      },
      questions: [
        { id: "aspects", type: "matrix", rows: "aspects", scale: "agreement", dontKnow: true, required: true },
        { id: "enablers", type: "ranking", list: "enablers", top: 3 },
      ],
    },
    {
      id: "examples",
      questions: [
        {
          id: "example",
          type: "group",
          min: 0,
          max: 3,
          hint: true,
          questions: [
            { id: "title", type: "text", required: true, maxLength: 120 },
            { id: "sector", type: "single", list: "sectors" },
            { id: "year", type: "number", integer: true, min: 1990, max: 2030 },
          ],
        },
        { id: "agree", type: "consent", required: true, hint: true },
      ],
    },
  ],
};

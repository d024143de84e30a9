/**
 * The Pre-REGM questionnaire on public-private partnerships (PPPs) against trafficking in persons,
 * for UNODC's Regional Expert Group Meeting (REGM) for Mexico, Central America and the Caribbean
 * (source: the post-REGM report of 9-10 December 2020). It follows the meeting's four key questions:
 * challenges, best practices, lessons and recommendations, and the role of international
 * organisations and civil society.
 *
 * Wording lives in locales/<language>/pre-regm.json; `docs/questionnaire.md` is the paper version,
 * generated from this file (npm run paper). Codes are stable: never reuse or renumber one; add new
 * options with new codes. Conventions: 96 = "Other" (with a text to specify where the engine allows
 * it), 97 = exclusive "None of these", 98 = "Don't know" (exclusive in a multiple choice). The matrix
 * "don't know" column is the engine's -77 and its "not relevant to this sector" column -55 (a row that
 * does not apply is neither a rating nor a "don't know"); -99 (no answer) and -88 (not shown) are the
 * dataset's missing codes.
 */
/** Said yes to joining the knowledge hub or to being invited to meetings. */
const wantsContact = {
  any: [
    { q: "hub", equals: 1 },
    { q: "meetings", equals: 1 },
  ],
};

export default {
  id: "pre-regm",
  version: 1,
  languages: ["en", "es"],
  // What organisers break results down by: who answered, from where, on which areas.
  organiserFilters: ["org_type", "country", "areas"],
  // The themes the meeting raised, offered to coders of the open answers.
  seedThemes: [
    { code: "government_support", description: true },
    { code: "financing", description: true },
    { code: "legal_basis", description: true },
    { code: "privacy", description: true },
    { code: "trust", description: true },
    { code: "training", description: true },
    { code: "internal_capacity", description: true },
    { code: "informal_economy", description: true },
    { code: "survivor_protection", description: true },
    { code: "technology", description: true },
    { code: "awareness", description: true },
  ],
  lists: {
    // Codes 1-8 and 96 are those of the first version of the about section: keep them.
    org_type: [
      { code: 1 }, // government ministry or agency
      { code: 2 }, // law enforcement
      { code: 3 }, // financial intelligence unit or financial regulator
      { code: 4 }, // private company
      { code: 5 }, // industry or business association
      { code: 6 }, // NGO or civil society
      { code: 7 }, // academia or research
      { code: 8 }, // international or regional organisation
      { code: 96, other: true },
    ],
    industry: [
      { code: 1 }, // banking and finance
      { code: 2 }, // technology and online platforms
      { code: 3 }, // transport and logistics
      { code: 4 }, // manufacturing and supply chains
      { code: 5 }, // hospitality and tourism
      { code: 6 }, // agriculture and fisheries
      { code: 7 }, // recruitment and staffing
      { code: 96, other: true },
    ],
    scope: [
      { code: 1 }, // local or subnational
      { code: 2 }, // national
      { code: 3 }, // regional (several countries of one region)
      { code: 4 }, // international (several regions or worldwide)
    ],
    // Whole years, so the bands neither overlap nor leave gaps.
    years: [
      { code: 1 }, // none yet
      { code: 2 }, // less than 1 year
      { code: 3 }, // 1 to 4 years
      { code: 4 }, // 5 to 9 years
      { code: 5 }, // 10 years or more
    ],
    // The three areas of the meeting's breakout groups; they decide which challenge sections follow.
    areas: [
      { code: 1 }, // supply chains
      { code: 2 }, // financial institutions
      { code: 3 }, // technology
      { code: 97, exclusive: true }, // none of these
    ],
    // Rows of the challenge matrices: the challenges raised at the meeting, one idea each.
    challenges: [
      { code: 1 }, // government and political support
      { code: 2 }, // sustainable funding
      { code: 3 }, // legal basis to share information
      { code: 4 }, // privacy versus protection of victims
      { code: 5 }, // trust between sectors
      { code: 6 }, // industry-specific training
      { code: 7 }, // companies' internal capacity to work with law enforcement
      { code: 8 }, // informal and cash economies
      { code: 9 }, // time public processes take
      { code: 10 }, // technology moving faster than law and regulation
    ],
    // A unipolar four-point scale; "don't know" is the matrix's own column (-77).
    challenge_scale: [
      { code: 1 }, // not a challenge
      { code: 2 }, // a minor challenge
      { code: 3 }, // a moderate challenge
      { code: 4 }, // a major challenge
    ],
    // Partner types mirror org_type codes 1-8. Items of a group cannot ask to specify "other",
    // so 96 here is a plain "another type" without a text.
    partner_type: [
      { code: 1 },
      { code: 2 },
      { code: 3 },
      { code: 4 },
      { code: 5 },
      { code: 6 },
      { code: 7 },
      { code: 8 },
      { code: 96 },
    ],
    // Same codes as `areas` 1-3; 96 is a plain "another sector" (no text inside a group).
    ex_sector: [{ code: 1 }, { code: 2 }, { code: 3 }, { code: 96 }],
    ex_status: [
      { code: 1 }, // still running
      { code: 2 }, // ended
      { code: 98 }, // don't know
    ],
    ex_cite: [
      { code: 1 }, // yes, naming the partnership and its partners
      { code: 2 }, // yes, without naming organisations
      { code: 3 }, // no
      { code: 4 }, // please ask me first
    ],
    practice: [
      { code: 1 }, // awareness campaigns, including outreach over messaging apps
      { code: 2 }, // industry-specific training
      { code: 3 }, // hotlines
      { code: 4 }, // financial intelligence sharing
      { code: 5 }, // supply-chain due diligence
      { code: 6 }, // technology tools and screening
      { code: 7 }, // survivor inclusion
      { code: 8 }, // coalition building across an industry
      { code: 96, other: true },
      { code: 97, exclusive: true },
      { code: 98, exclusive: true }, // don't know (added after the content review)
    ],
    // Enablers derived from the report's conclusions, breakout groups and recommendations.
    enablers: [
      { code: 1 }, // government and political support
      { code: 2 }, // sustainable funding
      { code: 3 }, // a clear legal basis to share information
      { code: 4 }, // trust between sectors
      { code: 5 }, // industry-specific training
      { code: 6 }, // companies' internal capacity to work with law enforcement
      { code: 7 }, // strong anti-money-laundering frameworks
      { code: 8 }, // a national risk assessment with all stakeholders
      { code: 9 }, // participation of civil society organisations
      { code: 10 }, // protection of and services for victims and survivors
      { code: 11 }, // strategic communication and public awareness
      { code: 12 }, // understanding of each other's ways of working
    ],
    io_role: [
      { code: 1 }, // convene dialogues
      { code: 2 }, // coordinate and manage PPP processes
      { code: 3 }, // knowledge hub
      { code: 4 }, // training and technical assistance
      { code: 5 }, // shared point for information exchange
      { code: 6 }, // solutions for data-privacy concerns
      { code: 96, other: true },
      { code: 97, exclusive: true },
      { code: 98, exclusive: true }, // don't know (added after the content review)
    ],
    yes_no_unsure: [{ code: 1 }, { code: 2 }, { code: 3 }],
    cite: [
      { code: 1 }, // by name (then asks the name and organisation to print)
      { code: 2 }, // anonymised, with nothing that singles one expert out among the sixty
      { code: 3 }, // not at all
    ],
    // Only `meetings` uses it; 98 (don't know) was added after the content review.
    yes_no: [{ code: 1 }, { code: 2 }, { code: 98 }],
  },
  sections: [
    // Asked on the start page, with the privacy notice: nothing is stored before this consent.
    { id: "consent", start: true, questions: [{ id: "consent", type: "consent", required: true, hint: true }] },
    {
      id: "about",
      intro: true,
      questions: [
        { id: "org_type", type: "single", list: "org_type", required: true, hint: true },
        // Only private actors are asked their industry.
        { id: "industry", type: "single", list: "industry", required: true, showIf: { q: "org_type", in: [4, 5] } },
        {
          id: "country",
          type: "country",
          required: true,
          // The region of the meeting: Mexico, Central America (M49 013), the Caribbean's Member
          // States (M49 029) with Guyana and Suriname (South America, but CARICOM members and part of
          // the region's work), and Puerto Rico; in English alphabetical order within the Caribbean.
          priority: [
            "MX",
            "BZ",
            "CR",
            "SV",
            "GT",
            "HN",
            "NI",
            "PA",
            "AG",
            "BS",
            "BB",
            "CU",
            "DM",
            "DO",
            "GD",
            "GY",
            "HT",
            "JM",
            "KN",
            "LC",
            "VC",
            "SR",
            "TT",
            "PR",
          ],
        },
        { id: "scope", type: "single", list: "scope", required: true },
        { id: "role", type: "text", maxLength: 200, hint: true },
        { id: "years", type: "single", list: "years", required: true, hint: true },
        { id: "areas", type: "multiple", list: "areas", required: true, min: 1, hint: true },
      ],
    },
    // Key question 1: one section per area chosen, all rated on the same rows and scale.
    {
      id: "ch_supply",
      intro: true,
      showIf: { q: "areas", contains: 1 },
      questions: [
        {
          id: "chal_sc",
          type: "matrix",
          rows: "challenges",
          scale: "challenge_scale",
          dontKnow: true,
          notApplicable: true,
          required: true,
          hint: true,
        },
        { id: "chal_sc_main", type: "longtext", maxLength: 3000, hint: true },
      ],
    },
    {
      id: "ch_fin",
      intro: true,
      showIf: { q: "areas", contains: 2 },
      questions: [
        {
          id: "chal_fi",
          type: "matrix",
          rows: "challenges",
          scale: "challenge_scale",
          dontKnow: true,
          notApplicable: true,
          required: true,
          hint: true,
        },
        { id: "chal_fi_main", type: "longtext", maxLength: 3000, hint: true },
      ],
    },
    {
      id: "ch_tech",
      intro: true,
      showIf: { q: "areas", contains: 3 },
      questions: [
        {
          id: "chal_te",
          type: "matrix",
          rows: "challenges",
          scale: "challenge_scale",
          dontKnow: true,
          notApplicable: true,
          required: true,
          hint: true,
        },
        { id: "chal_te_main", type: "longtext", maxLength: 3000, hint: true },
      ],
    },
    // Key question 2: best practices.
    {
      id: "practices",
      intro: true,
      questions: [
        {
          id: "ppp_ex",
          type: "group",
          min: 0,
          max: 10,
          hint: true,
          questions: [
            { id: "name", type: "text", required: true, maxLength: 200 },
            { id: "partners", type: "multiple", list: "partner_type", hint: true },
            // Countries: many of these partnerships span borders (the report cites Canada's
            // Project Protect and a United States-Mexico truckers' coalition). The engine has no
            // multi-country type, so the main country is a coded `country` (comparable and
            // tabulable, no spelling variants) and any further countries a short text.
            { id: "main_country", type: "country", hint: true },
            { id: "other_countries", type: "text", maxLength: 300, hint: true },
            { id: "sectors", type: "multiple", list: "ex_sector", hint: true },
            { id: "year", type: "number", integer: true, min: 1980, max: 2030, hint: true },
            { id: "status", type: "single", list: "ex_status" },
            { id: "activities", type: "longtext", required: true, maxLength: 3000, hint: true },
            { id: "results", type: "longtext", maxLength: 3000, hint: true },
            { id: "link", type: "text", maxLength: 500, hint: true },
            { id: "may_cite", type: "single", list: "ex_cite", required: true },
          ],
        },
        { id: "practice", type: "multiple", list: "practice", hint: true },
      ],
    },
    // Key question 3: lessons and recommendations.
    {
      id: "lessons",
      intro: true,
      questions: [
        // Someone who has not worked with such partnerships (years = 1) is asked what they have
        // seen, a different stimulus, so a different variable.
        { id: "lessons", type: "longtext", maxLength: 5000, hint: true, showIf: { not: { q: "years", equals: 1 } } },
        { id: "lessons_seen", type: "longtext", maxLength: 5000, hint: true, showIf: { q: "years", equals: 1 } },
        { id: "recs", type: "longtext", maxLength: 5000, hint: true },
        { id: "enablers", type: "ranking", list: "enablers", top: 3, hint: true },
      ],
    },
    // Key question 4: the role of international organisations and civil society.
    {
      id: "roles",
      intro: true,
      questions: [
        { id: "io_role", type: "multiple", list: "io_role", hint: true },
        { id: "cs_role", type: "longtext", maxLength: 5000 },
        { id: "hub", type: "single", list: "yes_no_unsure", hint: true },
      ],
    },
    {
      id: "follow_up",
      intro: true,
      questions: [
        { id: "cite", type: "single", list: "cite", required: true, hint: true },
        // Citing by name needs the name and organisation as they should be printed.
        { id: "cite_name", type: "text", maxLength: 200, required: true, personal: true, showIf: { q: "cite", equals: 1 } },
        { id: "cite_org", type: "text", maxLength: 200, required: true, personal: true, showIf: { q: "cite", equals: 1 } },
        { id: "meetings", type: "single", list: "yes_no" },
        // Contact details: left out of exports and dashboards unless an admin asks for them. Someone
        // who wants to join the hub or be invited to meetings is asked for an address they must give
        // (or change that answer): a "yes" nobody can act on is worth nothing to either side.
        { id: "email", type: "email", hint: true, personal: true, showIf: { not: wantsContact } },
        { id: "email_invite", type: "email", hint: true, required: true, personal: true, showIf: wantsContact },
      ],
    },
  ],
};

import { describe, expect, it } from "vitest";
import { questionnaireSchema } from "~/engine/definition";
import { receiptReference, respondentEmail } from "./receipt.server";

const questionnaire = questionnaireSchema.parse({
  id: "contact",
  version: 1,
  languages: ["en"],
  lists: { yn: [{ code: 1 }, { code: 2 }] },
  sections: [
    {
      id: "s",
      questions: [
        { id: "colleague", type: "email" },
        { id: "write", type: "single", list: "yn" },
        { id: "reach_me", type: "email", personal: true, showIf: { q: "write", equals: 1 } },
      ],
    },
  ],
});

describe("respondentEmail", () => {
  it("is the answer to a shown e-mail question marked personal, whatever its name", () => {
    expect(respondentEmail(questionnaire, { colleague: "a@example.org", write: 1, reach_me: "me@example.org" })).toBe(
      "me@example.org",
    );
    // Not personal: an address the respondent gave about someone else is no place for the receipt.
    expect(respondentEmail(questionnaire, { colleague: "a@example.org" })).toBeNull();
    // Hidden by skip logic: its stale answer does not count.
    expect(respondentEmail(questionnaire, { write: 2, reach_me: "me@example.org" })).toBeNull();
  });
});

describe("receiptReference", () => {
  it("is short and readable, and follows from the response id", () => {
    expect(receiptReference("3f2a9c1b-0d4e-4c2a-9b1e-7f0a1b2c3d4e")).toBe("3F2A-9C1B");
  });
});

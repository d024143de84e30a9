import { describe, expect, it } from "vitest";
import { checkInvitationCsv } from "./invitation-csv";

const options = { languages: ["en", "es"], alreadyInvited: new Set(["old@example.org"]) };

describe("checkInvitationCsv", () => {
  it("adds good rows and says row by row why others are refused", () => {
    const csv = [
      "\uFEFFNombre,Correo,Organización,Idioma",
      "Ana Pérez,ANA@example.org,Fiscalía,es",
      ",nobody@example.org,X,es",
      "Bob,not-an-email,Y,en",
      "Ana Again,ana@example.org,Z,es",
      "Old,old@example.org,W,en",
      "Zoe,zoe@example.org,V,fr",
    ].join("\r\n");
    const { rows, verdicts, headerProblem } = checkInvitationCsv(csv, options);
    expect(headerProblem).toBeNull();
    expect(rows).toEqual([
      {
        name: "Ana Pérez",
        email: "ana@example.org",
        organisation: "Fiscalía",
        language: "es",
        country: "",
        region: "",
        sector: "",
      },
    ]);
    expect(verdicts).toEqual([
      { row: 2, email: "ana@example.org", added: true },
      { row: 3, email: "nobody@example.org", added: false, reasons: ["nameMissing"] },
      { row: 4, email: "not-an-email", added: false, reasons: ["emailInvalid"] },
      { row: 5, email: "ana@example.org", added: false, reasons: ["duplicateInFile"] },
      { row: 6, email: "old@example.org", added: false, reasons: ["alreadyInvited"] },
      { row: 7, email: "zoe@example.org", added: false, reasons: ["languageUnknown"] },
    ]);
  });

  it("names missing columns", () => {
    expect(checkInvitationCsv("name,email\nA,a@b.org", options).headerProblem).toBe("organisation, language");
  });
});

import { describe, expect, it } from "vitest";
import { composeMail } from "./invitation-mail.server";

const invitee = { id: "inv-1", name: "Rosa <Méndez>", email: "rosa@example.org", organisation: "", language: "es" };
const sender = { name: "Lucía", email: "lucia@example.org" };

describe("an invitation", () => {
  it("says the closing day in the invitee's language when the consultation has one", () => {
    const mail = composeMail("invitation", invitee, "pre-regm", sender, "https://consulta.example.org", "2026-12-15");
    expect(mail.text).toContain("Puede responder hasta el 15 de diciembre de 2026.");
    expect(mail.html).toContain("Puede responder hasta el 15 de diciembre de 2026.");
    expect(mail.html).toContain("Rosa &lt;Méndez&gt;");
  });

  it("says nothing of a closing day when there is none", () => {
    const mail = composeMail("reminder", invitee, "pre-regm", sender, "https://consulta.example.org");
    expect(mail.text).not.toContain("hasta el");
  });
});

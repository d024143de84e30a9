import { describe, expect, it } from "vitest";
import { composeCitationMail } from "./compendium-mail.server";

const sender = { name: "Lucía", email: "lucia@example.org" };
const request = {
  responseId: "r1",
  to: "carla@example.org",
  languages: ["es", "en"],
  questionnaireId: "pre-regm",
  example: "Alerta <Digital> & Co",
  link: (language: string) => `https://consulta.example.org/citation?t=abc&lng=${language}`,
  leaveLink: null,
};

describe("a citation permission request", () => {
  it("says everything in each language, the respondent's first, with a link in that language", () => {
    const mail = composeCitationMail(request, sender);
    expect(mail.subject).toMatch(/^¿Podemos citar su ejemplo\? .* \/ May we cite your example\? /);
    const [spanish, english] = mail.text.split("----------");
    expect(spanish).toContain("«Alerta <Digital> & Co»");
    expect(spanish).toContain("lng=es");
    expect(english).toContain("“Alerta <Digital> & Co”");
    expect(english).toContain("lng=en");
    expect(mail.text).not.toContain("directory/leave");
  });

  it("escapes the respondent's own words in the HTML part only", () => {
    const mail = composeCitationMail(request, sender);
    expect(mail.html).toContain("Alerta &lt;Digital&gt; &amp; Co");
    expect(mail.html).not.toContain("<Digital>");
    expect(mail.html).toContain('<div lang="es">');
  });

  it("carries the link to leave the directory when the respondent is listed", () => {
    const mail = composeCitationMail(
      { ...request, leaveLink: (l) => `https://consulta.example.org/directory/leave?t=x&lng=${l}` },
      sender,
    );
    expect(mail.text).toContain("https://consulta.example.org/directory/leave?t=x&lng=es");
    expect(mail.html).toContain("Quitarme del directorio");
  });
});

import { describe, expect, it } from "vitest";
import { namesFoundIn, namesOf } from "./names";

describe("names of an example in anonymised wording", () => {
  const names = namesOf(["Red Camionera Segura", "Fundación Luz, Banco Azul y Transportes Ágiles (TAG)"]);

  it("splits lists of partners into names and keeps the whole text", () => {
    expect(names).toEqual(
      expect.arrayContaining(["Red Camionera Segura", "Fundación Luz", "Banco Azul", "Transportes Ágiles", "TAG"]),
    );
  });

  it("finds names whatever their case and accents", () => {
    expect(namesFoundIn("Una alianza con la FUNDACION LUZ en Chiapas", names)).toEqual(["Fundación Luz"]);
    expect(namesFoundIn("transportes agiles trained drivers", names)).toEqual(["Transportes Ágiles"]);
  });

  it("counts whole words only, across line breaks and extra spaces", () => {
    expect(namesFoundIn("A stage in Tagus valley; a luzón", names)).toEqual([]);
    expect(namesFoundIn("with Banco\n  Azul", names)).toEqual(["Banco Azul"]);
  });

  it("passes wording that names no one", () => {
    expect(namesFoundIn("A trucking coalition trained drivers to spot trafficking.", names)).toEqual([]);
  });
});

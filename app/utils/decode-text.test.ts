import { describe, expect, it } from "vitest";
import { decodeText } from "./decode-text";

describe("decodeText", () => {
  it("takes UTF-8 as is, without its BOM", () => {
    expect(decodeText(new TextEncoder().encode("\uFEFFBogotá"))).toEqual({ ok: true, text: "Bogotá", encoding: "utf-8" });
  });

  it("reads a Windows-1252 file as such and says so, rather than turning Bogotá into Bogot�", () => {
    const latin = Uint8Array.from([0x42, 0x6f, 0x67, 0x6f, 0x74, 0xe1, 0x20, 0x80]); // "Bogotá €"
    expect(decodeText(latin)).toEqual({ ok: true, text: "Bogotá €", encoding: "windows-1252" });
  });

  it("refuses bytes that neither encoding can mean", () => {
    expect(decodeText(Uint8Array.from([0x41, 0x81, 0xff]))).toEqual({ ok: false, reason: "unknownEncoding" });
  });
});

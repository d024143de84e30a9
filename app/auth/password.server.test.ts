import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, needsRehash, verifyPassword } from "./password.server";

describe("passwords", () => {
  it("verify against their own hash only, with a fresh salt each time", async () => {
    const password = generatePassword();
    const hash = await hashPassword(password);
    expect(hash).not.toContain(password);
    expect(await verifyPassword(password, hash)).toBe(true);
    expect(await verifyPassword(`${password}x`, hash)).toBe(false);
    expect(await hashPassword(password)).not.toBe(hash);
  });

  it("are hashed at OWASP's scrypt floor or above (N of 2^17 or more, r=8)", async () => {
    const [scheme, N, r, p] = (await hashPassword("correct horse battery")).split("$");
    expect(scheme).toBe("scrypt");
    expect(Number(N)).toBeGreaterThanOrEqual(2 ** 17);
    expect([Number(r), Number(p)]).toEqual([8, 1]);
  });

  it("still verify when stored with older parameters, and ask to be hashed again", async () => {
    const old = await hashPassword("correct horse battery", { N: 2 ** 15, r: 8, p: 1 });
    expect(old).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("correct horse battery", old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword("correct horse battery"))).toBe(false);
  });

  it("refuse a malformed stored hash", async () => {
    expect(await verifyPassword("anything", "plain-text")).toBe(false);
    expect(await verifyPassword("anything", "scrypt$3$8$1$c2FsdA==$aGFzaA==")).toBe(false);
    expect(needsRehash("plain-text")).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "./password.server";

describe("passwords", () => {
  it("verify against their own hash only, with a fresh salt each time", async () => {
    const password = generatePassword();
    const hash = await hashPassword(password);
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain(password);
    expect(await verifyPassword(password, hash)).toBe(true);
    expect(await verifyPassword(`${password}x`, hash)).toBe(false);
    expect(await hashPassword(password)).not.toBe(hash);
  });

  it("refuse a malformed stored hash", async () => {
    expect(await verifyPassword("anything", "plain-text")).toBe(false);
  });
});

import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import type { Role } from "../../db/schema";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { deleteSession, findSessionUser, insertSession, touchSession } from "~/models/session.server";
import { DatabaseBusyResponse } from "~/utils/database-busy.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { hashSecret } from "~/models/response.server";
import { serverSecret } from "~/utils/secret.server";
import { allowsUser, type Permission } from "./permissions";

const SESSION_HOURS = 12;
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** Holds a random session id, signed; the database holds its hash and can revoke it. */
const sessionCookie = createCookie("consulta_session", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: env.secureCookies,
  secrets: [serverSecret],
  maxAge: SESSION_HOURS * 3600,
});

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The hash of this browser's session id: which session to keep when the others are revoked. */
  sessionHash: string;
  /** Signed in with the password only, the code still to come. */
  secondFactorPending: boolean;
  twoFactorEnabled: boolean;
  leadCoder: boolean;
  editor: boolean;
}

/**
 * Starts a session; returns the Set-Cookie header. A session still waiting for the second factor
 * opens only the code page; passing it starts a new session (a new id), never upgrades this one.
 */
export async function startSession(userId: string, { secondFactorPending = false } = {}): Promise<string> {
  const id = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600 * 1000).toISOString();
  await insertSession(db, { idHash: hashSecret(id), userId, expiresAt, secondFactorPending });
  return sessionCookie.serialize(id);
}

export const TWO_FACTOR_PATH = "/organiser/two-factor";
export const ENROLMENT_PATH = "/organiser/account/two-factor";

async function sessionIdOf(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length <= 128 ? value : null;
}

export async function currentUser(request: Request): Promise<SessionUser | null> {
  const id = await sessionIdOf(request);
  if (!id) return null;
  const now = new Date();
  const found = await findSessionUser(db, hashSecret(id), now.toISOString());
  if (!found) return null;
  if (now.getTime() - Date.parse(found.last_seen_at) > TOUCH_EVERY_MS) {
    // Bookkeeping only: a page that reads must not fail because another process holds the write lock.
    await touchSession(db, found.id_hash, now.toISOString()).catch((error: unknown) => {
      if (!(error instanceof DatabaseBusyResponse)) throw error;
    });
  }
  return {
    id: found.id,
    email: found.email,
    name: found.name,
    role: found.role,
    sessionHash: found.id_hash,
    secondFactorPending: found.second_factor_pending === 1,
    twoFactorEnabled: found.totp_enabled_at !== null,
    leadCoder: found.lead_coder === 1,
    editor: found.editor === 1,
  };
}

/** An administrator without a second factor, where the deployment requires one. */
export function mustEnrol(user: { role: Role; twoFactorEnabled: boolean }): boolean {
  return user.role === "admin" && !user.twoFactorEnabled && env.ADMIN_TWO_FACTOR === "required";
}

/** Ends this browser's session; returns the Set-Cookie header that clears it. */
export async function endSession(request: Request): Promise<string> {
  const id = await sessionIdOf(request);
  if (id) await deleteSession(db, hashSecret(id));
  return sessionCookie.serialize("", { maxAge: 0 });
}

/**
 * The first line of every organiser loader and action: a visitor without a session goes to the
 * login page; a signed-in user without the permission gets a 403 in their language.
 */
export async function requireUser(request: Request, permission?: Permission): Promise<SessionUser> {
  const user = await currentUser(request);
  const url = new URL(request.url);
  if (!user) {
    const back = request.method === "GET" ? `?redirectTo=${encodeURIComponent(url.pathname + url.search)}` : "";
    throw redirect(`/organiser/login${back}`);
  }
  if (user.secondFactorPending) throw redirect(TWO_FACTOR_PATH);
  // An administrator's account opens everything: until it has a second factor, it opens only the enrolment page.
  if (mustEnrol(user) && url.pathname !== ENROLMENT_PATH) throw redirect(ENROLMENT_PATH);
  if (permission && !allowsUser(user, permission)) {
    const t = fixedT(await languageOf(request), "organiser");
    throw new Response(t("forbidden"), { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return user;
}

import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { currentUser, endSession } from "~/auth/session.server";
import { logAudit } from "~/models/audit.server";
import { db } from "~/utils/db.server";

/** Signing out changes data, so it is a POST; a GET only leads back. */
export async function loader() {
  return redirect("/organiser");
}

export async function action({ request }: ActionFunctionArgs) {
  // Also halfway through the second factor, or before an administrator's enrolment: signing out is always allowed.
  const user = await currentUser(request);
  if (!user) return redirect("/organiser/login");
  const cookie = await endSession(request);
  await logAudit(db, { actor: user, action: "logout" });
  return redirect("/organiser/login", { headers: { "Set-Cookie": cookie } });
}

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { listInvitations, type InvitationFilter } from "~/models/invitation.server";
import { invitationLink } from "~/organiser/invitation-link.server";
import { bomFor, csvRows } from "./csv";
import type { ExportFile } from "./export.server";

const COLUMNS = ["name", "email", "organisation", "language", "status", "last_activity", "link"];
const ROWS_PER_CHUNK = 500;

/** The invitation list as CSV, with each expert's link and status, filtered as on its page; `count` is for the audit log. */
export async function invitationsFile(
  db: Kysely<Database>,
  questionnaireId: string,
  origin: string,
  filter: InvitationFilter,
): Promise<{ file: ExportFile; count: number }> {
  // The same filter as the page the organiser downloads from: what is shown is what is exported.
  const invitations = await listInvitations(db, questionnaireId, filter);
  async function* chunks() {
    yield bomFor({}) + csvRows([COLUMNS]);
    for (let i = 0; i < invitations.length; i += ROWS_PER_CHUNK) {
      yield csvRows(
        invitations
          .slice(i, i + ROWS_PER_CHUNK)
          .map((r) => [
            r.name,
            r.email,
            r.organisation ?? "",
            r.language,
            r.state,
            r.lastActivity ?? "",
            invitationLink(origin, r.id),
          ]),
      );
    }
  }
  return {
    file: { filename: `${questionnaireId}-invitations.csv`, contentType: "text/csv; charset=utf-8", chunks: chunks() },
    count: invitations.length,
  };
}

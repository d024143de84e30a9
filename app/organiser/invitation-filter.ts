import type { InvitationFilter } from "~/models/invitation.server";

/**
 * The invitation list's filter, read the same way from the page's address and from its download
 * form, so that what is shown is what is exported: the chosen consultation's invitations, narrowed.
 */
export function invitationFilterFrom(fields: { get(name: string): unknown }, consultationId: string): Required<InvitationFilter> {
  const search = fields.get("s");
  return {
    consultationId,
    unfinishedOnly: fields.get("show") === "unfinished",
    search: typeof search === "string" ? search.trim().slice(0, 200) : "",
  };
}

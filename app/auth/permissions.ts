import type { Role } from "../../db/schema";

/** Every role, most privileged first. */
export const roles = ["admin", "organiser", "coder"] as const satisfies readonly Role[];

/** What a new account gets unless someone chooses otherwise: an account taken over can do the least. */
export const leastPrivilegedRole: Role = "coder";

/** Who may do what. Coders read and code open answers only: no personal data, no exports. */
export const permissions = {
  viewDashboard: ["admin", "organiser"],
  viewResponses: ["admin", "organiser"],
  exportData: ["admin", "organiser"],
  exportPersonalData: ["admin"],
  manageInvitations: ["admin", "organiser"],
  manageConsultation: ["admin", "organiser"],
  reopenResponses: ["admin"],
  manageUsers: ["admin"],
  readAuditLog: ["admin"],
  codeAnswers: ["admin", "organiser", "coder"],
  manageThemes: ["admin"],
  eraseData: ["admin"],
  // The Compendium: admins, and any account with the editor grant.
  curateCompendium: ["admin"],
  // Contact details of those who asked to be listed in the stakeholder directory.
  viewDirectory: ["admin", "organiser"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

/** What the lead-coder grant adds to any role: the codebook's themes. */
export const leadCoderPermissions: readonly Permission[] = ["manageThemes"];

/** What the editor grant adds to any role: curating the Compendium of promising practices. */
export const editorPermissions: readonly Permission[] = ["curateCompendium"];

/** The role's permissions and those of the user's grants (lead coder, editor). */
export function allowsUser(user: { role: Role; leadCoder: boolean; editor?: boolean }, permission: Permission): boolean {
  return (
    allows(user.role, permission) ||
    (user.leadCoder && leadCoderPermissions.includes(permission)) ||
    (Boolean(user.editor) && editorPermissions.includes(permission))
  );
}

export function allows(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}

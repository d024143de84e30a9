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
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function allows(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}

import { z } from "zod";

/** One invitation's fields as an organiser types them: the same rules for adding and editing. */
export const invitationSchema = (t: (k: string) => string, languages: string[]) =>
  z.object({
    name: z
      .string({ message: t("invitations.nameRequired") })
      .trim()
      .min(1, { message: t("invitations.nameRequired") })
      .max(200),
    email: z.email({ message: t("invitations.emailInvalid") }).max(254),
    organisation: z.string().trim().max(200).default(""),
    language: z.string().refine((l) => languages.includes(l), { message: t("invitations.languageUnknown") }),
    country: z.string().trim().max(200).default(""),
    region: z.string().trim().max(200).default(""),
    sector: z.string().trim().max(200).default(""),
  });

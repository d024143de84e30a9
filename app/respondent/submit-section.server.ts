import type { SubmissionResult } from "@conform-to/react";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Answers } from "~/engine/conditions";
import type { Section } from "~/engine/definition";
import { computeVisibility, flowSections, startAnswered } from "~/engine/visibility";
import { loadAnswers, saveSection, type StoredAnswers } from "~/models/response.server";
import { DatabaseBusyResponse } from "~/utils/database-busy.server";
import type { RespondentContext } from "./context.server";
import { honeypotTripped, sectionFingerprint } from "./guards.server";
import { answersToStore, confirmationValue, hiddenElsewhere, validateSection, type SectionIntent } from "./save-section.server";
import { CONFIRM_FIELD } from "./section-form";
import { responseForFirstSave } from "./start-response.server";

/** What a section page needs to be shown again with what was sent. */
export interface SectionForm {
  /** Conform's reply: the values sent and their errors; null when nothing of the form is kept. */
  result: SubmissionResult<string[]> | null;
  /** The questions shown for the answers sent. */
  shown: string[];
  /** The stored answers of the section as the page now knows them (see sectionFingerprint). */
  fingerprint: string;
}

/**
 * The resume token of a response that this request started (or took over from its invitation):
 * the browser must remember it. Null when the browser already had its response.
 */
type Started = { started: string | null };

/** What came of sending a section's form. The route only turns this into a response. */
export type SectionOutcome =
  /** The honeypot field was filled or missing: a script, not a person. Nothing stored. */
  | { kind: "rejected"; form: SectionForm }
  /** Conform could not read the form (a list intent that is not ours). Nothing stored. */
  | { kind: "unreadable" }
  /** The start page's consent was not given yet (a page sent without it): nothing stored. */
  | { kind: "consentFirst" }
  /** The response was submitted, before this request or while it ran. Nothing stored. */
  | { kind: "locked" }
  /** Before the opening day or after the closing day: nothing stored, the draft as it was. */
  | { kind: "closed" }
  /** Answers to correct. Nothing stored. */
  | { kind: "invalid"; form: SectionForm }
  /** A repeated item was added or removed (without JavaScript): the page again, nothing stored. */
  | { kind: "edited"; form: SectionForm }
  /** Another window saved this section since this page was opened. Nothing overwritten. */
  | { kind: "conflict"; form: SectionForm }
  /**
   * The answers would hide questions answered on other pages, whose answers would be deleted:
   * nothing stored until the respondent confirms (`confirm` is the confirmation button's value).
   */
  | { kind: "confirm"; form: SectionForm; lost: string[]; confirm: string }
  /** Another process kept the database locked: nothing stored, the page again to send later. */
  | ({ kind: "busy"; form: SectionForm; retryAfter: string } & Started)
  /** Saved; the answers revealed questions on this page that the respondent has not seen yet. */
  | ({ kind: "stay"; form: SectionForm } & Started)
  /**
   * Saved; on to another section (the next one, or the previous one for "back"). `fromReview`: the
   * respondent came from the review page and goes on to a section the change opened, then back there.
   */
  | ({ kind: "section"; sectionId: string; fromReview: boolean } & Started)
  /** Saved as for "save"; the same section again, in the language asked for. */
  | ({ kind: "language"; sectionId: string; fromReview: boolean } & Started)
  /** Saved; on to the review page (last section, or the respondent came from there). */
  | ({ kind: "review" } & Started)
  /** Saved for later ("save and continue later"). */
  | ({ kind: "saved" } & Started);

/**
 * Validates, merges and stores one section's form, and decides where the respondent goes next.
 * `invitationToken` is the invitation this browser came through, used only by a first save.
 */
export async function submitSection(
  db: Kysely<Database>,
  ctx: RespondentContext,
  section: Section,
  formData: FormData,
  invitationToken: string | null,
): Promise<SectionOutcome> {
  const { questionnaire, language, stored, t } = ctx;
  if (ctx.response?.status === "submitted") return { kind: "locked" };
  if (ctx.consultation.state !== "open") return { kind: "closed" };
  // Nothing is stored, not even a response row, before the start page's consent (docs/decisions/014).
  if (!section.start && !startAnswered(questionnaire, stored.values)) return { kind: "consentFirst" };
  const fingerprint = sectionFingerprint(section, stored.values, stored.otherTexts);
  if (honeypotTripped(formData)) return { kind: "rejected", form: { result: null, shown: [], fingerprint } };
  const validation = validateSection(questionnaire, section, stored.values, formData, t);
  if (!validation) return { kind: "unreadable" };
  const { intent, shown, appeared, submission } = validation;
  const form: SectionForm = { result: submission.reply() as SubmissionResult<string[]>, shown, fingerprint };
  if (submission.status === "error") return { kind: "invalid", form };
  if (submission.status !== "success") return { kind: "edited", form };
  const seen = formData.get("_saved");
  // Another window saved this section since this page was opened: keep both, overwrite nothing silently.
  if (ctx.response && seen !== null && seen !== fingerprint) return { kind: "conflict", form };

  const values = submission.value as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...stored.values, ...values };
  for (const q of section.questions) if (!shown.includes(q.id)) delete merged[q.id];

  const notShown = hiddenElsewhere(questionnaire, merged as Answers, section);
  // Answers given on other pages that this change would delete: the respondent confirms first.
  const lost = notShown.filter((id) => stored.values[id] !== undefined);
  const confirm = confirmationValue(intent, lost);
  if (lost.length > 0 && formData.get(CONFIRM_FIELD) !== confirm) return { kind: "confirm", form, lost, confirm };

  // The start section is not a page of the flow: from it, "next" leads to the first section.
  const sections = flowSections(questionnaire, computeVisibility(questionnaire, merged as Answers));
  const here = sections.findIndex((s) => s.id === section.id);
  const stay = intent === "next" && appeared.length > 0;
  const fromReview = formData.get("_return") === "review";
  // From the review page, a section this change shows again comes first: hidden by an earlier save
  // (stored as not shown) and not answered since.
  const opened = fromReview ? sections.find((s) => s.id !== section.id && shownAgain(s, stored.states)) : undefined;
  const toReview = intent === "next" && !opened && (fromReview || here === sections.length - 1);
  const target = targetOf(intent, stay, opened, section, sections, here);

  let response = ctx.response;
  let started: string | null = null;
  try {
    if (!response) {
      const first = await responseForFirstSave(db, ctx.consultation.id, questionnaire, language, invitationToken);
      response = first.response;
      started = first.token;
    }
    const outcome = await saveSection(db, {
      responseId: response.id,
      language,
      currentSection: (toReview ? section : (target ?? section)).id,
      answers: answersToStore(section, shown, values),
      notShown,
    });
    // Submitted from elsewhere after this request's first look: the save changed nothing.
    if (outcome === "locked") return { kind: "locked" };
  } catch (error) {
    if (!(error instanceof DatabaseBusyResponse)) throw error;
    // Another process holds the database: this page's answers were not stored. Show them again, and say so.
    return { kind: "busy", form, retryAfter: error.headers.get("Retry-After")!, started };
  }

  if (stay) {
    // New questions appeared on this page because of its answers: show them before moving on.
    const now = await loadAnswers(db, response.id);
    return { kind: "stay", form: { ...form, fingerprint: sectionFingerprint(section, now.values, now.otherTexts) }, started };
  }
  if (intent === "save") return { kind: "saved", started };
  if (intent === "language") return { kind: "language", sectionId: section.id, fromReview, started };
  if (toReview || !target) return { kind: "review", started };
  return { kind: "section", sectionId: target.id, fromReview: fromReview && intent === "next", started };
}

function shownAgain(section: Section, states: StoredAnswers["states"]): boolean {
  const seen = section.questions.some((q) => states[q.id] === "answered" || states[q.id] === "empty");
  return !seen && section.questions.some((q) => states[q.id] === "not_shown");
}

/** Where a saving press leads (undefined: past the last section). */
function targetOf(
  intent: SectionIntent,
  stay: boolean,
  opened: Section | undefined,
  section: Section,
  sections: Section[],
  here: number,
): Section | undefined {
  if (stay || intent === "save" || intent === "language") return section;
  if (intent === "back") return sections[here - 1] ?? section;
  return opened ?? sections[here + 1];
}

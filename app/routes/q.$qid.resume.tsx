import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import type { TFunction } from "i18next";
import { findResponseByCode, findResponseByToken } from "~/models/response.server";
import { consultationOfAddress } from "~/respondent/context.server";
import { normalizeCode, resumeToken } from "~/respondent/resume.server";
import { choiceBetweenDrafts, type DraftChoice as Choice } from "~/respondent/draft-choice.server";
import { DraftChoice } from "~/components/draft-choice";
import { Honeypot, HONEYPOT_FIELD } from "~/components/honeypot";
import { honeypotTripped } from "~/respondent/guards.server";
import { fixedT } from "~/i18n/i18next.server";
import { clientAddress } from "~/utils/client-address.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { createRateLimiter, tooManyRequests } from "~/utils/rate-limit.server";
import { keepRetryAfter } from "~/utils/retry-after";
import { rememberResponse } from "~/utils/response-cookie.server";
import type { ResponseRow } from "../../db/schema";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];
export const headers = keepRetryAfter;

// Ten wrong guesses per address per quarter of an hour: about 50 bits of code stay out of reach.
const guesses = createRateLimiter(db, { name: "resume-code", limit: 10, windowMs: 15 * 60 * 1000 });

const codeSchema = (t: TFunction) =>
  z.object({
    code: z.preprocess(
      (v) => (typeof v === "string" ? normalizeCode(v) : undefined),
      z
        .string({ message: t("resume.codeRequired") })
        .min(1, { message: t("resume.codeRequired") })
        .max(40, { message: t("resume.codeUnknown") }),
    ),
  });

/** Why a response cannot be resumed, as a message key; null when it can. */
function refusal(response: ResponseRow | undefined): string | null {
  if (!response) return "resume.codeUnknown";
  if (response.status === "submitted") return "resume.alreadySubmitted";
  const ageDays = (Date.now() - Date.parse(response.updated_at)) / 86_400_000;
  if (ageDays > env.RESUME_DAYS) return "resume.expired";
  return null;
}

/** The response a resume link's token opens, or why it cannot be resumed (a message key). */
async function findByLink(consultationId: string, token: string): Promise<{ response: ResponseRow } | { refusal: string }> {
  const response = token.length <= 64 ? await findResponseByToken(db, consultationId, token) : undefined;
  const reason = refusal(response);
  return reason ? { refusal: reason === "resume.codeUnknown" ? "resume.linkUnknown" : reason } : { response: response! };
}

async function resumeHere(request: Request, consultationId: string, response: ResponseRow) {
  const cookie = await rememberResponse(request, consultationId, resumeToken(response.id));
  return redirect(`/q/${consultationId}`, { headers: { "Set-Cookie": cookie } });
}

/** What the page shows: the code form (with its result or a link's error), or the choice between two drafts. */
interface Reply {
  result: SubmissionResult<string[]> | null;
  linkError: string | null;
  choice: { drafts: Choice; token: string } | null;
  pageTitle: string;
}
const reply = (values: Partial<Reply> & { pageTitle: string }, init?: ResponseInit) =>
  json<Reply>({ result: null, linkError: null, choice: null, ...values }, init);

/**
 * Resumes the response in this browser, unless that would replace another draft this browser
 * holds: then the page asks which to continue, and nothing changes until the person chooses.
 */
async function resumeOrAsk(request: Request, consultationId: string, response: ResponseRow, t: TFunction) {
  const drafts = await choiceBetweenDrafts(db, request, consultationId, response);
  if (!drafts) return resumeHere(request, consultationId, response);
  return reply({ choice: { drafts, token: resumeToken(response.id) }, pageTitle: t("draftChoice.title") });
}

async function page(request: Request, consultationId: string | undefined) {
  const { consultation, language } = await consultationOfAddress(request, consultationId);
  return { consultation, t: fixedT(language) };
}

/** With ?token= (the resume link): restores the response in this browser. Without: the code form. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, t } = await page(request, params.qid);
  const token = new URL(request.url).searchParams.get("token");
  let linkError: string | null = null;
  if (token !== null) {
    const found = await findByLink(consultation.id, token);
    if ("response" in found) return resumeOrAsk(request, consultation.id, found.response, t);
    linkError = t(found.refusal);
  }
  return reply({ linkError, pageTitle: t("resume.title") }, { status: linkError ? 404 : 200 });
}

/** The person's answer to the choice between two drafts: keep this browser's, or take the link's. */
async function choose(request: Request, consultationId: string, formData: FormData, t: TFunction) {
  if (formData.get("choice") === "browser") return redirect(`/q/${consultationId}`);
  const found = await findByLink(consultationId, String(formData.get("token") ?? ""));
  if ("refusal" in found) return reply({ linkError: t(found.refusal), pageTitle: t("resume.title") }, { status: 404 });
  return resumeHere(request, consultationId, found.response);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { consultation, t } = await page(request, params.qid);
  const formData = await readForm(request);
  const pageTitle = t("resume.title");
  if (formData.get("choice") !== null) {
    if (honeypotTripped(formData)) return reply({ linkError: t("errors.formRejected"), pageTitle }, { status: 400 });
    return choose(request, consultation.id, formData, t);
  }
  // Per questionnaire, not per consultation: more rounds must not mean more guesses.
  const limit = await guesses.hit(`${clientAddress(context)}:${consultation.questionnaireId}`);
  const submission = parseWithZod(formData, { schema: codeSchema(t), disableAutoCoercion: true });
  if (!limit.allowed) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    const result = submission.reply({ formErrors: [t("resume.tooMany", { count: minutes })] }) as SubmissionResult<string[]>;
    return tooManyRequests<Reply>({ result, linkError: null, choice: null, pageTitle }, limit);
  }
  if (honeypotTripped(formData)) {
    return reply(
      { result: submission.reply({ formErrors: [t("errors.formRejected")] }) as SubmissionResult<string[]>, pageTitle },
      { status: 400 },
    );
  }
  if (submission.status !== "success") {
    return reply({ result: submission.reply() as SubmissionResult<string[]>, pageTitle }, { status: 400 });
  }
  const response = await findResponseByCode(db, { consultationId: consultation.id }, submission.value.code);
  const reason = refusal(response);
  if (reason) {
    return reply(
      { result: submission.reply({ fieldErrors: { code: [t(reason)] } }) as SubmissionResult<string[]>, pageTitle },
      { status: 400 },
    );
  }
  return resumeOrAsk(request, consultation.id, response!, t);
}

export default function Resume() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { qid } = useParams();
  const choice = actionData?.choice ?? loaderData.choice;
  if (choice) return <DraftChoice choice={choice.drafts} action={`/q/${qid}/resume`} linkFields={{ token: choice.token }} />;
  return <CodeForm linkError={actionData?.linkError ?? loaderData.linkError} result={actionData?.result ?? null} />;
}

function CodeForm({ linkError, result }: { linkError: string | null; result: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation("common");
  const [form, fields] = useForm({ id: "resume", lastResult: result });
  const code = fields.code;
  const describedBy = [code.descriptionId, code.errors?.length ? code.errorId : null].filter(Boolean).join(" ");
  return (
    <>
      <h1>{t("resume.title")}</h1>
      {linkError ? (
        <div className="summary" role="alert">
          {linkError}
        </div>
      ) : null}
      {form.errors?.length ? (
        <div className="summary" role="alert" id={form.errorId}>
          {form.errors.join(" ")}
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <div className="question">
          <label htmlFor={code.id}>{t("resume.codeLabel")}</label>
          <p className="hint" id={code.descriptionId}>
            {t("resume.codeHint")}
          </p>
          {code.errors?.length ? (
            <ul className="errors" id={code.errorId}>
              {code.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
          <input
            {...getInputProps(code, { type: "text" })}
            key={code.key}
            required
            maxLength={40}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            className="code-input"
            aria-describedby={describedBy}
          />
        </div>
        <Honeypot name={HONEYPOT_FIELD} />
        <div className="actions">
          <button type="submit">{t("resume.submit")}</button>
        </div>
      </Form>
    </>
  );
}

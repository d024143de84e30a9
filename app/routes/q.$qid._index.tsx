import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { computeVisibility, visibleSections } from "~/engine/visibility";
import { respondentContext } from "~/respondent/context.server";

/** Opens the questionnaire where this browser's respondent stopped, or at its first section. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { questionnaire, response, stored } = await respondentContext(request, params.qid);
  if (response?.status === "submitted") return redirect(`/q/${questionnaire.id}/thanks`);
  const sections = visibleSections(questionnaire, computeVisibility(questionnaire, stored.values));
  const current = sections.find((s) => s.id === response?.current_section) ?? sections[0]!;
  return redirect(`/q/${questionnaire.id}/s/${current.id}${new URL(request.url).search}`);
}

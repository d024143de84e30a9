import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { defaultQuestionnaireId } from "~/questionnaires/registry.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { search } = new URL(request.url);
  return redirect(`/q/${defaultQuestionnaireId}${search}`);
}

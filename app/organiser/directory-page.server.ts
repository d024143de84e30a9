import { directoryFilters, directoryListing } from "~/compendium/directory.server";
import { loadRespondents } from "~/compendium/examples.server";
import { directoryExits } from "~/models/compendium.server";
import { db } from "~/utils/db.server";
import { requireCompendium } from "./compendium.server";

/** The directory as the page and its CSV file show it: the signed-in user's view, filtered by `params`. */
export async function directoryPage(request: Request, params: URLSearchParams) {
  const found = await requireCompendium(request, "viewDirectory", params.get("q"));
  const { ctx, language } = found;
  const filters = directoryFilters(params);
  const [respondents, left] = await Promise.all([loadRespondents(db, ctx), directoryExits(db)]);
  return { ...found, filters, ...directoryListing(ctx, respondents, left, language, filters) };
}

import type { MetaFunction } from "@remix-run/node";

/** Title keys of the organisers' pages, by route id; the layout's loader translates them. */
export const ORGANISER_TITLES: Record<string, string> = {
  "routes/organiser._index": "nav.dashboard",
  "routes/organiser.responses._index": "nav.responses",
  "routes/organiser.responses.$id": "nav.responses",
  "routes/organiser.invitations": "nav.invitations",
  "routes/organiser.consultations._index": "nav.consultation",
  "routes/organiser.consultations.$id": "nav.consultation",
  "routes/organiser.account": "nav.account",
  "routes/organiser.account_.two-factor": "twoFactor.setupTitle",
  "routes/organiser.export": "nav.export",
  "routes/organiser.coding._index": "nav.coding",
  "routes/organiser.coding.$variable": "nav.coding",
  "routes/organiser.themes": "nav.themes",
  "routes/organiser.users": "nav.users",
  "routes/organiser.audit": "nav.audit",
  "routes/organiser.erasure": "nav.erasure",
  "routes/organiser.compendium._index": "nav.compendium",
  "routes/organiser.compendium.$entryId": "nav.compendium",
  "routes/organiser.compendium.draft": "nav.compendium",
  "routes/organiser.directory": "nav.directory",
};

/** The page's title from the layout's translated titles: "Responses – Consulta". */
export const organiserMeta: MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m.id === "routes/organiser")?.data as { titles?: Record<string, string> } | undefined;
  const leaf = matches[matches.length - 1];
  return [{ title: (leaf && layout?.titles?.[leaf.id]) ?? layout?.titles?.default ?? "" }];
};

import { json, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData, useLocation, useMatches } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { allowsUser, type Permission } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { ORGANISER_TITLES } from "~/utils/organiser-meta";
import { wordingKey } from "~/engine/wording";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { listConsultations } from "~/models/consultation.server";
import { withChoice } from "~/organiser/choice-link";
import { ALL_CONSULTATIONS, readConsultationChoice } from "~/organiser/current-consultation.server";
import { getQuestionnaire } from "~/questionnaires/registry.server";
import { db } from "~/utils/db.server";
import type { RouteHandle } from "~/utils/route-handle";

const sections: Array<{ to: string; key: string; permission: Permission }> = [
  { to: "/organiser", key: "nav.dashboard", permission: "viewDashboard" },
  { to: "/organiser/responses", key: "nav.responses", permission: "viewResponses" },
  { to: "/organiser/invitations", key: "nav.invitations", permission: "manageInvitations" },
  { to: "/organiser/consultations", key: "nav.consultation", permission: "manageConsultation" },
  // Addresses and personal links: for administrators, like other personal data.
  { to: "/organiser/outbox", key: "nav.outbox", permission: "exportPersonalData" },
  { to: "/organiser/export", key: "nav.export", permission: "exportData" },
  { to: "/organiser/coding", key: "nav.coding", permission: "codeAnswers" },
  { to: "/organiser/themes", key: "nav.themes", permission: "manageThemes" },
  { to: "/organiser/compendium", key: "nav.compendium", permission: "curateCompendium" },
  { to: "/organiser/directory", key: "nav.directory", permission: "viewDirectory" },
  { to: "/organiser/users", key: "nav.users", permission: "manageUsers" },
  { to: "/organiser/erasure", key: "nav.erasure", permission: "eraseData" },
  { to: "/organiser/translations", key: "translations.title", permission: "manageUsers" },
  { to: "/organiser/audit", key: "nav.audit", permission: "readAuditLog" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await languageOf(request);
  const url = new URL(request.url);
  const choice = await readConsultationChoice(db, url.searchParams, { allowAll: true });
  // The switch sends the questionnaire it was shown with; a consultation of another one corrects it,
  // so that pages still reading `q` read the consultation's questionnaire.
  const c = url.searchParams.get("c");
  if (choice?.consultation && c === choice.consultation.id && url.searchParams.get("q") !== choice.scope.questionnaireId) {
    url.searchParams.set("q", choice.scope.questionnaireId);
    throw redirect(`${url.pathname}?${url.searchParams}`);
  }
  const t = fixedT(language, "organiser");
  const app = fixedT(language)("app.name");
  const titles = Object.fromEntries(Object.entries(ORGANISER_TITLES).map(([id, key]) => [id, `${t(key)} – ${app}`]));
  const served = (await listConsultations(db)).filter((x) => getQuestionnaire(x.questionnaireId, x.questionnaireVersion));
  const questionnaires = [...new Set(served.map((x) => x.questionnaireId))].map((id) => {
    const title = fixedT(language, id)(wordingKey.title());
    return {
      id,
      title,
      // A consultation made at start is named by its questionnaire's id: its title reads better.
      consultations: served
        .filter((x) => x.questionnaireId === id)
        .map((x) => ({ id: x.id, name: x.name === id ? title : x.name })),
    };
  });
  return json({
    titles: { ...titles, default: app },
    user: { name: user.name, role: user.role },
    // Every page is about one consultation (or all of a questionnaire's): the links keep it.
    links: sections
      .filter((s) => allowsUser(user, s.permission))
      .map((s) => ({ ...s, to: choice ? withChoice(choice, s.to) : s.to })),
    choice: choice && {
      questionnaireId: choice.scope.questionnaireId,
      consultationId: choice.scope.consultationId,
      fallbackId: choice.fallback.id,
    },
    questionnaires,
    switchable: served.length > 1,
  });
}

/** The pages where "All consultations" means something say so in their handle. */
function useAllowsAll() {
  return useMatches().some((m) => (m.handle as RouteHandle | undefined)?.allConsultations);
}

export default function OrganiserLayout() {
  const { user, links, choice, questionnaires, switchable } = useLoaderData<typeof loader>();
  const { t } = useTranslation("organiser");
  const { pathname } = useLocation();
  const allowsAll = useAllowsAll();
  const current = choice ? (choice.consultationId ?? (allowsAll ? ALL_CONSULTATIONS : choice.fallbackId)) : undefined;
  const options = (q: (typeof questionnaires)[number]) => (
    <>
      {allowsAll && q.id === choice?.questionnaireId ? (
        <option value={ALL_CONSULTATIONS}>{t("consultationChoice.all")}</option>
      ) : null}
      {q.consultations.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </>
  );
  return (
    <div className="organiser">
      <nav aria-label={t("nav.label")} className="organiser-nav">
        <ul>
          {links.map((l) => (
            <li key={l.key}>
              <NavLink to={l.to} end={l.to.split("?")[0] === "/organiser"}>
                {t(l.key)}
              </NavLink>
            </li>
          ))}
        </ul>
        <Form method="post" action="/organiser/logout" className="logout">
          <span>
            <NavLink to="/organiser/account">{t("nav.account")}</NavLink> · {user.name} ({t(`roles.${user.role}`)})
          </span>{" "}
          <button type="submit" className="secondary">
            {t("nav.logout")}
          </button>
        </Form>
      </nav>
      {switchable && choice ? (
        // A plain GET form: it works without JavaScript and changes nothing but the address.
        <form method="get" action={pathname} className="lang questionnaire-switch">
          <input type="hidden" name="q" value={choice.questionnaireId} />
          <label htmlFor="consultation">{t("consultationChoice.label")}</label>
          <select id="consultation" name="c" defaultValue={current}>
            {questionnaires.length > 1
              ? questionnaires.map((q) => (
                  <optgroup key={q.id} label={q.title}>
                    {options(q)}
                  </optgroup>
                ))
              : questionnaires.map((q) => <Fragment key={q.id}>{options(q)}</Fragment>)}
          </select>
          <button type="submit" className="secondary">
            {t("nav.switch")}
          </button>
        </form>
      ) : null}
      <Outlet />
    </div>
  );
}

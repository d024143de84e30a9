import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { allowsUser, type Permission } from "~/auth/permissions";
import { requireUser } from "~/auth/session.server";
import { ORGANISER_TITLES } from "~/utils/organiser-meta";
import { wordingKey } from "~/engine/wording";
import { fixedT, languageOf } from "~/i18n/i18next.server";
import { defaultQuestionnaireId, questionnaireIds } from "~/questionnaires/registry.server";

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
  const current = new URL(request.url).searchParams.get("q") ?? defaultQuestionnaireId;
  const t = fixedT(language, "organiser");
  const app = fixedT(language)("app.name");
  const titles = Object.fromEntries(Object.entries(ORGANISER_TITLES).map(([id, key]) => [id, `${t(key)} – ${app}`]));
  return json({
    titles: { ...titles, default: app },
    user: { name: user.name, role: user.role },
    links: sections.filter((s) => allowsUser(user, s.permission)),
    current,
    isDefault: current === defaultQuestionnaireId,
    questionnaires: questionnaireIds().map((id) => ({ id, title: fixedT(language, id)(wordingKey.title()) })),
  });
}

export default function OrganiserLayout() {
  const { user, links, current, isDefault, questionnaires } = useLoaderData<typeof loader>();
  const { t } = useTranslation("organiser");
  const { pathname } = useLocation();
  // Every page is about one questionnaire; the links keep it.
  const withQuestionnaire = (to: string) => (isDefault ? to : `${to}?q=${current}`);
  return (
    <div className="organiser">
      <nav aria-label={t("nav.label")} className="organiser-nav">
        <ul>
          {links.map((l) => (
            <li key={l.to}>
              <NavLink to={withQuestionnaire(l.to)} end={l.to === "/organiser"}>
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
      {questionnaires.length > 1 ? (
        <form method="get" action={pathname} className="lang questionnaire-switch">
          <label htmlFor="questionnaire">{t("nav.questionnaire")}</label>
          <select id="questionnaire" name="q" defaultValue={current}>
            {questionnaires.map((q) => (
              <option key={q.id} value={q.id}>
                {q.title}
              </option>
            ))}
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

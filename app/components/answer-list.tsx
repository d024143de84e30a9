import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { GroupItemAnswer } from "~/engine/format-answer";
import type { ReviewSection } from "~/respondent/review.server";

/** An answer in words: a repeatable group's items as labelled lists, several lines as a list, one line as text. */
export function AnswerText({ lines, items }: { lines: string[]; items?: GroupItemAnswer[] }) {
  if (items?.length)
    return (
      <ul className="group-items">
        {items.map((item, i) => (
          <li key={i}>
            <strong>{item.title}</strong>
            <ul>
              {item.fields.map((field, j) => (
                <li key={j}>
                  <span className="field-label">{field.label}:</span> {field.text}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    );
  if (lines.length === 1) return lines[0];
  return (
    <ul>
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

/**
 * Every shown question of every section with its answer in words: the review page before submitting,
 * the receipt after. `headExtra` adds to a section's heading line (the review's "Change" link).
 */
export function AnswerList({
  sections,
  headExtra,
  headingLevel = 2,
}: {
  sections: ReviewSection[];
  headExtra?: (section: ReviewSection) => ReactNode;
  /** Under a page heading of its own (the receipt's "Your answers"), the sections are one level down. */
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation("common");
  const Heading = headingLevel === 3 ? "h3" : "h2";
  return sections.map((section) => (
    <section key={section.id} aria-labelledby={`review-${section.id}`}>
      <div className="review-head">
        <Heading id={`review-${section.id}`}>{section.title}</Heading>
        {headExtra?.(section)}
      </div>
      <dl className="review">
        {section.questions.map((q) => (
          <div key={q.id}>
            <dt>{q.label}</dt>
            <dd className={q.missing ? "missing" : undefined}>
              {q.lines.length === 0 ? (
                q.missing ? (
                  t("review.missing")
                ) : (
                  t("review.noAnswer")
                )
              ) : (
                <AnswerText lines={q.lines} items={q.items} />
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  ));
}

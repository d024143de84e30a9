import type { ReactNode } from "react";

/**
 * The scroll box around a wide table. It takes keyboard focus so that someone without a mouse can
 * scroll it sideways (WCAG 2.1.1, axe's scrollable-region-focusable).
 */
export function TableScroll({ children }: { children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scroll box must take focus to be scrolled from the keyboard
    <div className="table-scroll" tabIndex={0}>
      {children}
    </div>
  );
}

import type { ReactNode } from "react";

/** A heading cell; `hidden` ones are read to screen readers only (an Actions column, say). */
export type DataColumn = string | { label: string; hidden: true };

/**
 * The one USWDS table every list uses: a caption, a row of column headings, the caller's rows.
 * Wide tables scroll inside a focusable, named region (so keyboard users can scroll them and
 * axe's scrollable-region rule holds); `stacked` tables turn each row into a card on a phone.
 */
export function DataTable({
  label,
  caption = label,
  captionHidden = false,
  columns,
  stacked = false,
  children,
}: {
  /** The table's name, for the scrolling region; the caption too unless `caption` says more. */
  label: string;
  caption?: ReactNode;
  captionHidden?: boolean;
  columns: DataColumn[];
  stacked?: boolean;
  children: ReactNode;
}) {
  const table = (
    <table className={`usa-table usa-table--borderless width-full${stacked ? " usa-table--stacked" : ""}`}>
      <caption className={captionHidden ? "usa-sr-only" : undefined}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) =>
            typeof column === "string" ? (
              <th scope="col" key={column}>
                {column}
              </th>
            ) : (
              <th scope="col" key={column.label}>
                <span className="usa-sr-only">{column.label}</span>
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  if (stacked) return table;
  return (
    <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-label={label}>
      {table}
    </div>
  );
}

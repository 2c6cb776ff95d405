import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";

/** A heading cell; `hidden` ones are read to screen readers only (an Actions column, say). */
export type DataColumn = string | { label: string; hidden: true };

/**
 * The one USWDS table every list uses: a caption, a row of column headings, the caller's rows.
 * Wide tables scroll inside a focusable, named region (so keyboard users can scroll them and
 * axe's scrollable-region rule holds); `stacked` tables turn each row into a card on a phone, so a
 * table with buttons in it never hides them past the screen's edge.
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
      <tbody>{stacked ? labelCells(children, columns) : children}</tbody>
    </table>
  );
  if (stacked) return table;
  return (
    <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-label={label}>
      {table}
    </div>
  );
}

type CellProps = { "data-label"?: string; children?: ReactNode };

/** USWDS's stacked table shows each cell's `data-label` as its heading on a phone: taken from the columns, in order. */
function labelCells(rows: ReactNode, columns: DataColumn[]): ReactNode {
  return Children.map(rows, (row) => {
    if (!isValidElement<{ children?: ReactNode }>(row)) return row;
    let index = 0;
    const cells = Children.map(row.props.children, (cell) => {
      if (!isValidElement<CellProps>(cell)) return cell;
      const column = columns[index++];
      return typeof column === "string" ? cloneElement(cell as ReactElement<CellProps>, { "data-label": column }) : cell;
    });
    return cloneElement(row, {}, cells);
  });
}

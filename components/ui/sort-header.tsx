import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { cn } from "./cn";

/** A sortable table column's header: a button that sorts by sortKey, its arrow, and aria-sort for readers. */
export function SortHeader<K extends string>({
  label,
  sortKey,
  sort,
  order,
  onSort,
  className,
}: {
  label: string;
  sortKey: K;
  /** The table's current sort and direction. */
  sort: K | undefined;
  order: "asc" | "desc" | undefined;
  onSort: (sort: K) => void;
  className?: string;
}) {
  const active = sort === sortKey;
  const Icon = !active ? ArrowUpDown : order === "asc" ? ArrowUp : ArrowDown;
  return (
    <th
      scope="col"
      className={cn("px-3 py-2 font-medium", className)}
      aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"}
    >
      <button
        type="button"
        onClick={() => onSort(sortKey)}
        className={cn(
          "inline-flex cursor-pointer items-center gap-1 rounded hover:text-foreground",
          active && "text-foreground",
        )}
        data-testid={`sort-${sortKey}`}
      >
        {label}
        <Icon className={cn("size-3.5", !active && "opacity-40")} aria-hidden />
      </button>
    </th>
  );
}

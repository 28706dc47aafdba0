"use client";

import { Plus, Trash2 } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** Rows you can add and remove (services, FAQ): each row's fields, a remove button, "Add" below. */
export function ListEditor<T>({
  items,
  onChange,
  blank,
  addLabel,
  removeLabel,
  empty,
  render,
  testId,
}: {
  items: T[];
  onChange: (items: T[]) => void;
  blank: T;
  addLabel: string;
  removeLabel: (index: number) => string;
  empty: string;
  render: (item: T, set: (item: T) => void, index: number) => ReactNode;
  testId?: string;
}) {
  return (
    <div className="grid gap-2" data-testid={testId}>
      {items.length === 0 && <p className="text-xs text-muted-foreground">{empty}</p>}
      {items.map((item, i) => (
        <div key={i} className="flex items-start gap-2 rounded-lg border bg-muted/20 p-2.5">
          <div className="grid min-w-0 flex-1 gap-2">
            {render(item, (next) => onChange(items.map((x, j) => (j === i ? next : x))), i)}
          </div>
          <Button
            variant="ghost"
            size="icon-sm"
            onClick={() => onChange(items.filter((_, j) => j !== i))}
            aria-label={removeLabel(i)}
            title={removeLabel(i)}
            type="button"
          >
            <Trash2 aria-hidden />
          </Button>
        </div>
      ))}
      <Button
        variant="outline"
        size="sm"
        type="button"
        className="justify-self-start"
        onClick={() => onChange([...items, blank])}
      >
        <Plus aria-hidden />
        {addLabel}
      </Button>
    </div>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useState } from "react";
import { Input } from "@/components/ui/input";
import { api } from "@/lib/client/api";

type Option = { id: string; name: string };

const searchers = {
  client: async (q: string, signal?: AbortSignal) =>
    (await api<{ clients: Option[] }>(`/api/crm/clients?q=${encodeURIComponent(q)}&limit=8`, { signal })).clients,
  company: async (q: string, signal?: AbortSignal) =>
    (await api<{ companies: Option[] }>(`/api/crm/companies?q=${encodeURIComponent(q)}&limit=8`, { signal })).companies,
};

/** Picks a client or a company by typing part of its name; shows the current one with a way to unlink it. */
export function RefPicker({
  kind,
  label,
  value,
  disabled,
  onPick,
}: {
  kind: keyof typeof searchers;
  label: string;
  value: Option | null;
  disabled: boolean;
  onPick: (option: Option | null) => void;
}) {
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const found = useQuery({
    queryKey: [kind === "client" ? "contacts" : "companies", "pick", q],
    queryFn: ({ signal }) => searchers[kind](q, signal),
    enabled: open && q.trim().length > 0,
  });
  if (value && !open) {
    return (
      <div className="flex h-9 items-center gap-2 rounded-md border bg-card px-3 text-sm">
        <span className="min-w-0 flex-1 truncate">{value.name || "—"}</span>
        {!disabled && (
          <button
            type="button"
            aria-label={`${label}: ×`}
            className="cursor-pointer text-muted-foreground hover:text-foreground"
            onClick={() => {
              onPick(null);
              setOpen(true);
            }}
          >
            <X className="size-4" aria-hidden />
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="relative">
      <Input
        aria-label={label}
        placeholder={label}
        value={q}
        disabled={disabled}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(e) => setQ(e.target.value)}
      />
      {open && (found.data?.length ?? 0) > 0 && (
        <ul className="absolute z-10 mt-1 w-full overflow-hidden rounded-md border bg-popover shadow-lg" role="listbox">
          {found.data!.map((o) => (
            <li key={o.id}>
              <button
                type="button"
                role="option"
                aria-selected={false}
                className="w-full cursor-pointer px-3 py-1.5 text-left text-sm hover:bg-muted"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  onPick(o);
                  setQ("");
                  setOpen(false);
                }}
              >
                {o.name || "—"}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

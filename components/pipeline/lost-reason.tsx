"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { createContext, use, useCallback, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { fetchLostReasons, pipelineKeys } from "./pipeline-api";

type Ask = (dealTitle: string) => Promise<string | null>;
const LostReasonContext = createContext<Ask | null>(null);

/** Asks why a deal is lost, from the organisation's list or in the person's own words; null when cancelled. */
export function useAskLostReason(): Ask {
  const ask = use(LostReasonContext);
  if (!ask) throw new Error("useAskLostReason needs a LostReasonProvider");
  return ask;
}

/** One dialog for the page: a drop on a lost column, a suggestion to lose the deal, the drawer's stage menu. */
export function LostReasonProvider({ children }: { children: ReactNode }) {
  const t = useTranslations("pipelineBoard.lost");
  const [open, setOpen] = useState<{ title: string } | null>(null);
  const [picked, setPicked] = useState<string>("");
  const [other, setOther] = useState("");
  const resolver = useRef<((reason: string | null) => void) | null>(null);
  const reasons = useQuery({
    queryKey: pipelineKeys.lostReasons,
    queryFn: ({ signal }) => fetchLostReasons(signal),
    enabled: open !== null,
  });
  const ask = useCallback<Ask>((title) => {
    setPicked("");
    setOther("");
    setOpen({ title });
    return new Promise((resolve) => {
      resolver.current = resolve;
    });
  }, []);
  const finish = (reason: string | null) => {
    resolver.current?.(reason);
    resolver.current = null;
    setOpen(null);
  };
  const reason = picked === "__other" ? other.trim() : picked;
  return (
    <LostReasonContext value={ask}>
      {children}
      <Dialog open={open !== null} onOpenChange={(o) => !o && finish(null)}>
        <DialogContent closeLabel={t("cancel")} data-testid="lost-reason-dialog">
          <DialogHeader title={t("title")} description={t("description", { title: open?.title ?? "" })} />
          <form
            className="grid gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason) finish(reason);
            }}
          >
            <div role="radiogroup" aria-label={t("title")} className="grid gap-1.5">
              {(reasons.data ?? []).map((r) => (
                <ReasonOption
                  key={r.id}
                  label={r.label}
                  checked={picked === r.label}
                  onPick={() => setPicked(r.label)}
                />
              ))}
              <ReasonOption label={t("other")} checked={picked === "__other"} onPick={() => setPicked("__other")} />
            </div>
            {picked === "__other" && (
              <Input
                autoFocus
                aria-label={t("otherLabel")}
                placeholder={t("otherLabel")}
                value={other}
                maxLength={500}
                onChange={(e) => setOther(e.target.value)}
              />
            )}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => finish(null)}>
                {t("cancel")}
              </Button>
              <Button type="submit" disabled={!reason} data-testid="lost-reason-confirm">
                {t("confirm")}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </LostReasonContext>
  );
}

function ReasonOption({ label, checked, onPick }: { label: string; checked: boolean; onPick: () => void }) {
  return (
    <label
      className={cn(
        "flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm transition-colors hover:bg-muted",
        checked && "border-primary bg-primary/5",
      )}
    >
      <input type="radio" name="lost-reason" className="accent-primary" checked={checked} onChange={onPick} />
      {label}
    </label>
  );
}

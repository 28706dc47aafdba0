"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileUp, Upload } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { api } from "@/lib/client/api";
import { selectClass } from "./contacts-filters";

const FIELDS = ["name", "firstName", "lastName", "phone", "email", "company", "tags", "notes", "username"] as const;
type Rejection = { row: number; field: string; value: string; reason: string };
type DryRun = {
  delimiter: string;
  headers: string[];
  mapping: Record<string, string>;
  total: number;
  valid: number;
  wouldCreate: number;
  wouldUpdate: number;
  rejected: number;
  rejections: Rejection[];
  preview: {
    row: number;
    name: string;
    phone: string | null;
    email: string | null;
    company: string | null;
    action: string;
  }[];
};
type Run = {
  id: string;
  status: "queued" | "running" | "succeeded" | "failed";
  total: number;
  processed: number;
  created: number;
  updated: number;
  rejected: number;
  error: string | null;
};

/** CSV import: pick a file, check the column mapping and the dry run's report, then import as a job with progress. */
export function ImportDialog() {
  const t = useTranslations("csvImport");
  const locale = useLocale();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [country, setCountry] = useState(locale === "ru" ? "RU" : "");
  const [mapping, setMapping] = useState<Record<string, string> | undefined>(undefined);
  const [runId, setRunId] = useState<string | null>(null);

  const body = () => ({
    csv: file!.text,
    fileName: file!.name,
    defaultCountry: country || undefined,
    mapping,
  });
  const dry = useMutation({
    mutationFn: (m?: Record<string, string>) =>
      api<DryRun>("/api/crm/clients/import", {
        method: "POST",
        body: { ...body(), mapping: m ?? mapping, dryRun: true },
      }),
    onSuccess: (report) => setMapping(report.mapping),
  });
  const start = useMutation({
    mutationFn: () => api<Run>("/api/crm/clients/import", { method: "POST", body: body() }),
    onSuccess: (run) => setRunId(run.id),
  });
  const run = useQuery({
    queryKey: ["contact_imports", runId],
    queryFn: ({ signal }) => api<Run>(`/api/crm/clients/import/${runId}`, { signal }),
    enabled: !!runId,
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      if (s === "succeeded" || s === "failed") {
        void client.invalidateQueries({ queryKey: ["contacts"] });
        return false;
      }
      return 700;
    },
  });

  const reset = () => {
    setFile(null);
    setMapping(undefined);
    setRunId(null);
    dry.reset();
    start.reset();
  };
  const report = dry.data;
  const progress = run.data;
  const pct = progress && progress.total ? Math.round((progress.processed / progress.total) * 100) : 0;

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) reset();
      }}
    >
      <Button size="sm" variant="outline" onClick={() => setOpen(true)} data-testid="import-open">
        <Upload aria-hidden />
        {t("open")}
      </Button>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader title={t("title")} description={t("subtitle")} />
        {!runId && (
          <div className="grid gap-4">
            <div className="flex flex-wrap items-end gap-3">
              <label className="grid flex-1 gap-1 text-sm">
                <span className="font-medium">{t("file")}</span>
                <input
                  type="file"
                  accept=".csv,text/csv,text/plain"
                  className="text-sm file:mr-3 file:cursor-pointer file:rounded-md file:border file:border-input file:bg-card file:px-3 file:py-1.5"
                  data-testid="import-file"
                  onChange={async (e) => {
                    const f = e.target.files?.[0];
                    if (!f) return;
                    // File.text() decodes UTF-8 and drops a BOM; the server drops one too.
                    const text = await f.text();
                    setFile({ name: f.name, text });
                    setMapping(undefined);
                    dry.reset();
                  }}
                />
              </label>
              <label className="grid gap-1 text-sm">
                <span className="font-medium">{t("country")}</span>
                <select className={selectClass} value={country} onChange={(e) => setCountry(e.target.value)}>
                  <option value="">{t("international")}</option>
                  {["RU", "KZ", "BY", "UA", "US", "GB", "DE"].map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </label>
              <Button
                onClick={() => dry.mutate(undefined)}
                disabled={!file}
                loading={dry.isPending}
                data-testid="import-check"
              >
                <FileUp aria-hidden />
                {t("check")}
              </Button>
            </div>
            {dry.error && <p className="text-sm text-destructive">{dry.error.message}</p>}
            {report && (
              <>
                <fieldset className="grid gap-2">
                  <legend className="mb-1 text-sm font-medium">{t("mapping")}</legend>
                  <div className="grid gap-2 sm:grid-cols-2">
                    {report.headers.map((h, i) => (
                      <label key={i} className="grid grid-cols-[minmax(0,1fr)_9rem] items-center gap-2 text-sm">
                        <span className="truncate" title={h}>
                          {h || t("column", { n: i + 1 })}
                        </span>
                        <select
                          className={selectClass}
                          value={mapping?.[String(i)] ?? ""}
                          onChange={(e) => {
                            const next = { ...mapping };
                            if (e.target.value) next[String(i)] = e.target.value;
                            else delete next[String(i)];
                            setMapping(next);
                            dry.mutate(next);
                          }}
                        >
                          <option value="">{t("skip")}</option>
                          {FIELDS.map((f) => (
                            <option key={f} value={f}>
                              {t(`fields.${f}`)}
                            </option>
                          ))}
                        </select>
                      </label>
                    ))}
                  </div>
                </fieldset>
                <p className="text-sm" data-testid="import-summary">
                  {t("summary", {
                    total: report.total,
                    create: report.wouldCreate,
                    update: report.wouldUpdate,
                    rejected: report.rejected,
                  })}
                </p>
                <div className="overflow-x-auto rounded-md border">
                  <table className="w-full text-left text-xs">
                    <thead className="bg-muted/40 text-muted-foreground">
                      <tr>
                        <th className="px-2 py-1.5">{t("row")}</th>
                        <th className="px-2 py-1.5">{t("fields.name")}</th>
                        <th className="px-2 py-1.5">{t("fields.phone")}</th>
                        <th className="px-2 py-1.5">{t("fields.email")}</th>
                        <th className="px-2 py-1.5">{t("action")}</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y">
                      {report.preview.map((p) => (
                        <tr key={p.row}>
                          <td className="px-2 py-1.5 tabular-nums">{p.row}</td>
                          <td className="px-2 py-1.5">{p.name}</td>
                          <td className="px-2 py-1.5 tabular-nums">{p.phone ?? "—"}</td>
                          <td className="px-2 py-1.5">{p.email ?? "—"}</td>
                          <td className="px-2 py-1.5">{t(p.action === "create" ? "create" : "update")}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {report.rejections.length > 0 && (
                  <div className="grid gap-1" data-testid="import-rejections">
                    <p className="text-sm font-medium text-amber-700 dark:text-amber-400">
                      {t("rejectedTitle", { n: report.rejected })}
                    </p>
                    <ul className="max-h-40 overflow-y-auto text-xs">
                      {report.rejections.map((r, i) => (
                        <li key={i} className="py-0.5">
                          {t("rejection", { row: r.row, reason: t(`reasons.${r.reason}`), value: r.value || "—" })}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </>
            )}
          </div>
        )}
        {runId && (
          <div className="grid gap-3" data-testid="import-progress">
            <div
              className="h-2 overflow-hidden rounded-full bg-muted"
              role="progressbar"
              aria-valuenow={pct}
              aria-valuemin={0}
              aria-valuemax={100}
            >
              <div className="h-full bg-primary transition-all" style={{ width: `${pct}%` }} />
            </div>
            <p className="text-sm">
              {progress?.status === "succeeded"
                ? t("finished", { created: progress.created, updated: progress.updated, rejected: progress.rejected })
                : progress?.status === "failed"
                  ? t("failed", { error: progress.error ?? "" })
                  : t("running", { done: progress?.processed ?? 0, total: progress?.total ?? 0 })}
            </p>
          </div>
        )}
        <DialogFooter>
          {!runId ? (
            <Button
              onClick={() => start.mutate()}
              disabled={!report || report.valid === 0}
              loading={start.isPending}
              data-testid="import-start"
            >
              {t("start", { n: report ? report.wouldCreate + report.wouldUpdate : 0 })}
            </Button>
          ) : (
            <Button variant="outline" onClick={() => setOpen(false)}>
              {t("close")}
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

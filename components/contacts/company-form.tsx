"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogHeader } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import type { Company } from "./contacts-api";

/** Add or edit a company: name, website, phone, e-mail. */
export function CompanyForm({
  open,
  onOpenChange,
  onSubmit,
  pending,
  company,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSubmit: (body: Record<string, string | null>) => void;
  pending: boolean;
  company?: Company;
}) {
  const t = useTranslations("companiesPage.form");
  const [values, setValues] = useState({
    name: company?.name ?? "",
    website: company?.website ?? "",
    phone: company?.phone ?? "",
    email: company?.email ?? "",
  });
  const field = (key: keyof typeof values, type = "text") => (
    <label className="grid gap-1 text-sm">
      <span className="font-medium">{t(key)}</span>
      <Input
        type={type}
        value={values[key]}
        onChange={(e) => setValues({ ...values, [key]: e.target.value })}
        required={key === "name"}
        data-testid={`company-${key}`}
      />
    </label>
  );
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader title={company ? t("editTitle") : t("newTitle")} />
        <form
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit({
              name: values.name.trim(),
              website: values.website.trim() || null,
              phone: values.phone.trim() || null,
              email: values.email.trim() || null,
            });
          }}
        >
          {field("name")}
          {field("website")}
          {field("phone", "tel")}
          {field("email", "email")}
          <DialogFooter>
            <Button type="submit" loading={pending} disabled={!values.name.trim()} data-testid="company-save">
              {t("save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

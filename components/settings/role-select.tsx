"use client";

import { useTranslations } from "next-intl";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { Role } from "@/lib/client/types";

/** Roles with a one-line explanation each, so nobody has to guess what "agent" may do. */
export function RoleSelect({
  value,
  onChange,
  roles,
  disabled,
  label,
  id,
  className,
  lockedRoles = [],
}: {
  value: Role;
  onChange: (role: Role) => void;
  roles: readonly Role[];
  disabled?: boolean;
  label?: string;
  id?: string;
  className?: string;
  /** Shown but not selectable (e.g. "owner" for an admin). */
  lockedRoles?: readonly Role[];
}) {
  const t = useTranslations("roles");
  const tHints = useTranslations("roleHints");
  return (
    <Select value={value} onValueChange={(v) => onChange(v as Role)} disabled={disabled}>
      <SelectTrigger id={id} aria-label={label} className={className}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {roles.map((role) => (
          <SelectItem key={role} value={role} description={tHints(role)} disabled={lockedRoles.includes(role)}>
            {t(role)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

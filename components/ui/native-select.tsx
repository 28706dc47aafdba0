import type { ComponentProps } from "react";
import { cn } from "./cn";

/** Native selects: keyboard and phone friendly without popovers, styled like Input. */
export const nativeSelectClass =
  "h-9 min-w-0 cursor-pointer rounded-md border border-input bg-card px-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/20";

/** A native select of [value, label] choices; `any` adds a first, empty choice (no filter). */
export function NativeSelect({
  choices,
  any,
  className,
  ...props
}: Omit<ComponentProps<"select">, "children"> & { choices: readonly (readonly [string, string])[]; any?: string }) {
  return (
    <select className={cn(nativeSelectClass, className)} {...props}>
      {any !== undefined && <option value="">{any}</option>}
      {choices.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );
}

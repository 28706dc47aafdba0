import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/** Class names where a later Tailwind utility overrides an earlier one of the same kind. */
export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}

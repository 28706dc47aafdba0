"use client";

import { createContext, useContext } from "react";
import type { DashboardFilters } from "./analytics-api";

export type Dashboard = { filters: DashboardFilters; sep: "," | ";" };
export const DashboardContext = createContext<Dashboard | null>(null);

export function useDashboard(): Dashboard {
  const d = useContext(DashboardContext);
  if (!d) throw new Error("useDashboard outside the analytics dashboard");
  return d;
}

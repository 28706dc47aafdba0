import { exportRoute } from "@/lib/analytics/routes";

export const GET = exportRoute();

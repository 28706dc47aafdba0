import { asService, withUser } from "@/lib/db";
import { saveConnection, type SaveConnectionInput } from "@/lib/retailcrm/connections";
import { connectionOfOrg } from "@/lib/retailcrm/connections";
import type { RetailcrmFake } from "../fakes/retailcrm";
import type { Person } from "./inbox";

/** Connects the organisation to the fake RetailCRM as its admin; returns the connection with its secrets. */
export async function connectRetailcrm(
  admin: Person,
  orgId: string,
  fake: RetailcrmFake,
  over: Partial<SaveConnectionInput> = {},
) {
  await withUser({ sub: admin.userId, role: "authenticated" }, (sql) =>
    saveConnection(sql, orgId, {
      apiUrl: fake.url,
      apiKey: fake.apiKey,
      site: "shop",
      statusMap: {},
      managerMap: [],
      enabled: true,
      ...over,
    }),
  );
  return (await asService((sql) => connectionOfOrg(sql, orgId)))!;
}

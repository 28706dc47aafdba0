"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchMembers, queryKeys } from "@/lib/client/queries";

/** The team as a select's options, each by name (the email where no name is set), from the shared members query. */
export function MemberOptions() {
  const members = useQuery({ queryKey: queryKeys.members, queryFn: fetchMembers });
  return (members.data ?? []).map((m) => (
    <option key={m.user_id} value={m.user_id}>
      {m.full_name || m.email}
    </option>
  ));
}

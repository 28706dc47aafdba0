/** What the API answers, as the browser sees it (dates arrive as ISO strings). */

export const roles = ["owner", "admin", "manager", "agent", "viewer"] as const;
export type Role = (typeof roles)[number];
/** Roles an invitation or API key may carry: owners are only made by owners, from the members table. */
export const grantableRoles = ["admin", "manager", "agent", "viewer"] as const satisfies readonly Role[];

const RANK: Record<Role, number> = { owner: 5, admin: 4, manager: 3, agent: 2, viewer: 1 };
/** Shapes the UI only; the database decides. */
export const roleAtLeast = (role: Role | undefined, min: Role) => (role ? RANK[role] >= RANK[min] : false);

export type Me = {
  user: { id: string; email: string; full_name: string; locale: "en" | "ru"; active_org_id: string | null } | null;
  organization: { id: string; name: string };
  role: Role;
  organizations: { id: string; name: string; role: Role }[];
};

export type Member = { user_id: string; email: string; full_name: string; role: Role; created_at: string };

export type Invitation = {
  id: string;
  email: string;
  role: Role;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
};

export type ApiKey = {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

export type Session = { access_token: string; expires_at: number; expires_in: number };

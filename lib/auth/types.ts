import { z } from "zod";

export const memberRoles = ["owner", "admin", "manager", "agent", "viewer"] as const;
export const memberRoleSchema = z.enum(memberRoles);
export type MemberRole = z.infer<typeof memberRoleSchema>;

const RANK: Record<MemberRole, number> = { owner: 5, admin: 4, manager: 3, agent: 2, viewer: 1 };
/** Mirrors private.role_rank() in SQL; the database enforces, this only shapes answers and UI. */
export const roleAtLeast = (role: MemberRole | null | undefined, min: MemberRole) =>
  role ? RANK[role] >= RANK[min] : false;

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("must be an email address").max(255));
export const passwordSchema = z
  .string()
  .min(8, "must be at least 8 characters")
  .max(72, "must be at most 72 characters");

export const signUpSchema = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    name: z.string().trim().min(1, "is required").max(120),
    organizationName: z.string().trim().min(1, "is required").max(120).optional(),
    // Joining through an invitation instead of starting a new organisation.
    invitationToken: z.string().min(1).max(200).optional(),
    /** The language the user signed up in: their profile's, and their new organisation's default pipeline's. */
    locale: z.enum(["en", "ru"]).optional(),
  })
  .refine((v) => v.organizationName || v.invitationToken, {
    path: ["organizationName"],
    message: "is required",
  });
export const signInSchema = z.object({ email: emailSchema, password: z.string().min(1, "is required").max(200) });
export const refreshSchema = z.object({ refresh_token: z.string().min(1).optional() });

/** A user as Supabase Auth answers it. */
export const authUserSchema = z.object({
  id: z.uuid(),
  aud: z.string(),
  role: z.string(),
  email: z.string(),
  email_confirmed_at: z.string().nullable(),
  app_metadata: z.record(z.string(), z.unknown()),
  user_metadata: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  updated_at: z.string(),
});
export type AuthUser = z.infer<typeof authUserSchema>;

/** A session as Supabase Auth answers it. */
export const authSessionSchema = z.object({
  access_token: z.string(),
  token_type: z.literal("bearer"),
  expires_in: z.number(),
  expires_at: z.number(),
  refresh_token: z.string(),
  user: authUserSchema,
});
export type AuthSession = z.infer<typeof authSessionSchema>;

/** Verified claims of an access token. */
export type AccessClaims = {
  sub: string;
  role: "authenticated";
  email?: string;
  exp: number;
  session_id?: string;
  org_id?: string;
};

/** One interface above the built-in provider and Supabase Auth. */
export interface AuthProvider {
  readonly name: "builtin" | "supabase";
  signUp(input: { email: string; password: string; name: string }): Promise<AuthSession>;
  signIn(input: { email: string; password: string }): Promise<AuthSession>;
  refresh(refreshToken: string): Promise<AuthSession>;
  signOut(accessToken: string): Promise<void>;
  verify(accessToken: string): Promise<AccessClaims>;
}

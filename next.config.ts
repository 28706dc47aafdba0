import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // Loaded by Node at run time, not bundled: PGlite ships WASM and data files, pg, pino and twilio load optional
  // modules dynamically.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pino", "bcryptjs", "twilio"],
  // A second build folder lets a benchmark build and serve while the tests rebuild .next in the same checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Webhook answers are tiny and latency-bound; a reverse proxy in front compresses pages better and off-thread.
  compress: false,
};

export default withNextIntl(nextConfig);

// Prisma CLI configuration: the WASM schema engine and the pg adapter, so that no engine
// binary is downloaded (see ../shared/SETUP-NOTES.md, "Prisma without engine downloads").
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// `generate` and `migrate diff` read the url without connecting, and without one the CLI falls
// back to downloading a query engine. The placeholder host cannot resolve, so a migration run
// without DATABASE_URL fails on connecting rather than touching anything.
process.env.DATABASE_URL ??= "postgresql://set-DATABASE_URL.invalid/offgridflow";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});

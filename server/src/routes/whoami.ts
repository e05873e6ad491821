import { z } from "zod";
import type { PrismaClient } from "../db/client.ts";
import type { Routes } from "../http/routes.ts";

const WhoamiSchema = z
  .object({
    tenant: z.object({ id: z.string(), name: z.string() }),
    role: z.enum(["admin", "editor", "reviewer", "viewer"]),
    key: z.object({ id: z.string(), name: z.string(), prefix: z.string() }),
  })
  .meta({ id: "Whoami" });

/** What a client (the add-in's Connect step, the bot) learns about its key before acting. */
export function registerWhoami(routes: Routes, prisma: PrismaClient): void {
  routes.add({
    method: "get",
    path: "/v1/whoami",
    summary: "Describe the caller's key, tenant and role",
    tags: ["tenancy"],
    roles: ["admin", "editor", "reviewer", "viewer"],
    responses: {
      200: {
        description: "The key's tenant and role",
        content: { "application/json": { schema: WhoamiSchema } },
      },
    },
    async handle({ auth, res }) {
      const key = await prisma.apiKey.findUniqueOrThrow({
        where: { id: auth.keyId },
        select: {
          id: true,
          name: true,
          prefix: true,
          tenant: { select: { id: true, name: true } },
        },
      });
      res.json({
        tenant: key.tenant,
        role: auth.role,
        key: { id: key.id, name: key.name, prefix: key.prefix },
      } satisfies z.infer<typeof WhoamiSchema>);
    },
  });
}

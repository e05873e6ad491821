/**
 * The tenant's API keys, for admins: list them (never their hashes), issue one (its secret
 * shown once) and revoke one. Another tenant's key is not found, as everywhere.
 */
import { z } from "zod";
import { AppError } from "../app-error.ts";
import { appendAudit } from "../audit/audit.ts";
import { createApiKey, listApiKeys, revokeApiKey, type KeyRevocations } from "../auth/api-keys.ts";
import { Role, type Prisma, type PrismaClient } from "../db/client.ts";
import type { Routes } from "../http/routes.ts";

const ADMINS = ["admin"] as const;

const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: "The key's first characters, to tell keys apart" }),
    role: z.enum(Role),
    created_at: z.string(),
    last_used_at: z.string().nullable().meta({ description: "Recorded to the minute" }),
    revoked_at: z.string().nullable(),
  })
  .meta({ id: "ApiKey" });

const CreatedKeySchema = ApiKeySchema.extend({
  key: z.string().meta({ description: "The secret: shown in this response only, never stored" }),
}).meta({ id: "CreatedApiKey" });

/** `revocations`: this process's key caches, told of each revocation as it commits. */
export function registerKeys(
  routes: Routes,
  prisma: PrismaClient,
  revocations?: KeyRevocations,
): void {
  routes.add({
    method: "get",
    path: "/v1/keys",
    summary: "List the tenant's API keys",
    tags: ["tenancy"],
    roles: ADMINS,
    responses: {
      200: {
        description: "Oldest first, revoked keys included",
        content: { "application/json": { schema: z.object({ keys: z.array(ApiKeySchema) }) } },
      },
    },
    async handle({ auth, res }) {
      const keys: z.infer<typeof ApiKeySchema>[] = await listApiKeys(prisma, auth.tenantId);
      res.json({ keys });
    },
  });

  routes.add({
    method: "post",
    path: "/v1/keys",
    summary: "Issue an API key",
    tags: ["tenancy"],
    roles: ADMINS,
    body: z.object({
      name: z.string().trim().min(1).max(200).meta({ description: "What the key is for" }),
      role: z.enum(Role),
    }),
    responses: {
      201: {
        description: "The key with its secret, shown this once",
        content: { "application/json": { schema: CreatedKeySchema } },
      },
    },
    async handle({ body, auth, res }) {
      const created = await prisma.$transaction(async (tx: Prisma.TransactionClient) => {
        const key = await createApiKey(tx, { tenantId: auth.tenantId, ...body });
        await appendAudit(tx, auth.tenantId, {
          actor: `api-key:${auth.keyId}`,
          action: "api_key.created",
          subject: key.id,
          data: { role: key.role, prefix: key.prefix },
        });
        return key;
      });
      const reply: z.infer<typeof CreatedKeySchema> = { ...created.description, key: created.key };
      // The secret must not linger in a cache between here and the caller.
      res.status(201).set("cache-control", "no-store").json(reply);
    },
  });

  routes.add({
    method: "delete",
    path: "/v1/keys/:id",
    summary: "Revoke an API key",
    tags: ["tenancy"],
    roles: ADMINS,
    params: z.object({ id: z.uuid().meta({ description: "API key id" }) }),
    responses: {
      200: {
        description:
          "The key, revoked: every server refuses it from the next request on. Revoking a revoked key changes nothing and answers the same. An admin may revoke its own key, which ends its access.",
        content: { "application/json": { schema: ApiKeySchema } },
      },
    },
    async handle({ params, auth, res }) {
      const revoked = await revokeApiKey(
        prisma,
        { tenantId: auth.tenantId, keyId: params.id, actor: `api-key:${auth.keyId}` },
        revocations,
      );
      if (!revoked)
        throw new AppError("not_found", `no API key ${params.id}`, [
          { field: "params.id", message: "not found" },
        ]);
      res.json(revoked satisfies z.infer<typeof ApiKeySchema>);
    },
  });
}

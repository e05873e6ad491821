/**
 * API keys: `ogf_` + 32 random base62 characters. The secret is returned once, at creation;
 * only its SHA-256 is stored, with a short prefix to tell keys apart.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Request } from "express";
import { AppError } from "../app-error.ts";
import { appendAudit } from "../audit/audit.ts";
import type { Prisma, PrismaClient, Role } from "../db/client.ts";
import type { Auth, Authenticate } from "../http/routes.ts";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SECRET_LENGTH = 32;
const PREFIX_LENGTH = 12;
// last_used_at is written at most this often per key, not on every request.
const LAST_USED_RESOLUTION_MS = 60_000;

export const hashKey = (key: string): string => createHash("sha256").update(key).digest("hex");

function newSecret(): string {
  // Rejection sampling keeps every character equally likely.
  let secret = "";
  while (secret.length < SECRET_LENGTH) {
    for (const byte of randomBytes(SECRET_LENGTH)) {
      if (byte < 248 && secret.length < SECRET_LENGTH) secret += ALPHABET[byte % 62];
    }
  }
  return `ogf_${secret}`;
}

/** A key as an admin sees it: never its hash. */
export interface ApiKeyDescription {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const DESCRIBED = {
  id: true,
  name: true,
  prefix: true,
  role: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

function describeKey(
  row: Prisma.ApiKeyGetPayload<{ select: typeof DESCRIBED }>,
): ApiKeyDescription {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}

export interface CreatedKey {
  id: string;
  /** The secret: shown once, never stored. */
  key: string;
  prefix: string;
  role: Role;
  tenantId: string;
  description: ApiKeyDescription;
}

/** Creates a key; in `tx` when its audit event must commit with it. */
export async function createApiKey(
  prisma: Prisma.TransactionClient,
  input: { tenantId: string; role: Role; name: string },
): Promise<CreatedKey> {
  const key = newSecret();
  const prefix = key.slice(0, PREFIX_LENGTH);
  const row = await prisma.apiKey.create({
    data: {
      tenantId: input.tenantId,
      role: input.role,
      name: input.name,
      prefix,
      hash: hashKey(key),
    },
  });
  return {
    id: row.id,
    key,
    prefix,
    role: row.role,
    tenantId: row.tenantId,
    description: describeKey(row),
  };
}

/** The tenant's keys, revoked ones included, oldest first. */
export async function listApiKeys(
  prisma: PrismaClient,
  tenantId: string,
): Promise<ApiKeyDescription[]> {
  const rows = await prisma.apiKey.findMany({
    where: { tenantId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: DESCRIBED,
  });
  return rows.map(describeKey);
}

/**
 * Revokes a key of the tenant and records `api_key.revoked` in the same transaction. A key
 * revoked already is returned as it is, with no second event; undefined when the tenant has no
 * such key. Every server refuses the key from its next request on: none caches keys.
 */
export async function revokeApiKey(
  prisma: PrismaClient,
  input: { tenantId: string; keyId: string; actor: string },
): Promise<ApiKeyDescription | undefined> {
  return prisma.$transaction(async (tx: Prisma.TransactionClient) => {
    const { count } = await tx.apiKey.updateMany({
      where: { id: input.keyId, tenantId: input.tenantId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const row = await tx.apiKey.findFirst({
      where: { id: input.keyId, tenantId: input.tenantId },
      select: DESCRIBED,
    });
    if (!row) return undefined;
    if (count === 1) {
      await appendAudit(tx, input.tenantId, {
        actor: input.actor,
        action: "api_key.revoked",
        subject: row.id,
        data: { role: row.role, prefix: row.prefix },
      });
    }
    return describeKey(row);
  });
}

/**
 * Bearer-key authentication. Each request looks its key up by hash (one unique-index query), so
 * a revocation anywhere applies to the very next request in every process.
 */
export class ApiKeyAuth {
  // When this process last wrote each key's last_used_at: requests that arrive while that write
  // is in flight still read the old time from the database.
  private readonly written = new Map<string, number>();

  constructor(private readonly prisma: PrismaClient) {}

  readonly authenticate: Authenticate = async (req: Request) => {
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) {
      throw new AppError("unauthenticated", "send an API key as 'Authorization: Bearer <key>'", [
        { field: "header.authorization", message: header ? "not a Bearer token" : "missing" },
      ]);
    }
    const row = await this.prisma.apiKey.findUnique({
      where: { hash: hashKey(match[1] as string) },
      select: { id: true, tenantId: true, role: true, lastUsedAt: true, revokedAt: true },
    });
    if (!row || row.revokedAt) throw new AppError("unauthenticated", "unknown or revoked API key");
    this.touch(row.id, row.lastUsedAt);
    return { tenantId: row.tenantId, keyId: row.id, role: row.role } satisfies Auth;
  };

  private touch(keyId: string, lastUsedAt: Date | null): void {
    const now = Date.now();
    const last = Math.max(lastUsedAt?.getTime() ?? 0, this.written.get(keyId) ?? 0);
    if (now - last < LAST_USED_RESOLUTION_MS) return;
    this.written.set(keyId, now);
    // Bookkeeping only: a failed write must not fail the request it belongs to.
    this.prisma.apiKey
      .update({ where: { id: keyId }, data: { lastUsedAt: new Date(now) } })
      .catch(() => undefined);
  }
}

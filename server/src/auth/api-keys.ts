/**
 * API keys: `ogf_` + 32 random base62 characters. The secret is returned once, at creation;
 * only its SHA-256 is stored, with a short prefix to tell keys apart.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Request } from "express";
import { AppError } from "../app-error.ts";
import type { PrismaClient, Role } from "../db/client.ts";
import type { Auth, Authenticate } from "../http/routes.ts";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SECRET_LENGTH = 32;
const PREFIX_LENGTH = 12;
// A looked-up key is trusted this long before the database is asked again; revoking in this
// process takes effect at once, elsewhere within this time.
const CACHE_MS = 5_000;
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

export interface CreatedKey {
  id: string;
  /** The secret: shown once, never stored. */
  key: string;
  prefix: string;
  role: Role;
  tenantId: string;
}

export async function createApiKey(
  prisma: PrismaClient,
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
  return { id: row.id, key, prefix, role: row.role, tenantId: row.tenantId };
}

interface Cached {
  auth: Auth;
  until: number;
  lastUsed: number;
}

export class ApiKeyAuth {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly prisma: PrismaClient) {}

  readonly authenticate: Authenticate = async (req: Request) => {
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) {
      throw new AppError("unauthenticated", "send an API key as 'Authorization: Bearer <key>'", [
        { field: "header.authorization", message: header ? "not a Bearer token" : "missing" },
      ]);
    }
    const hash = hashKey(match[1] as string);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) {
      this.touch(hash, cached, now);
      return cached.auth;
    }
    const row = await this.prisma.apiKey.findUnique({ where: { hash } });
    if (!row || row.revokedAt) {
      this.cache.delete(hash);
      throw new AppError("unauthenticated", "unknown or revoked API key");
    }
    const entry: Cached = {
      auth: { tenantId: row.tenantId, keyId: row.id, role: row.role },
      until: now + CACHE_MS,
      lastUsed: row.lastUsedAt?.getTime() ?? 0,
    };
    this.cache.set(hash, entry);
    this.touch(hash, entry, now);
    return entry.auth;
  };

  async revoke(tenantId: string, keyId: string): Promise<boolean> {
    const { count } = await this.prisma.apiKey.updateMany({
      where: { id: keyId, tenantId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    for (const [hash, entry] of this.cache) if (entry.auth.keyId === keyId) this.cache.delete(hash);
    return count > 0;
  }

  private touch(hash: string, entry: Cached, now: number): void {
    if (now - entry.lastUsed < LAST_USED_RESOLUTION_MS) return;
    entry.lastUsed = now;
    // Bookkeeping only: a failed write must not fail the request it belongs to.
    this.prisma.apiKey
      .update({ where: { hash }, data: { lastUsedAt: new Date(now) } })
      .catch(() => undefined);
  }
}

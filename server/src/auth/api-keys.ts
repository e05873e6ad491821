/**
 * API keys: `ogf_` + 32 random base62 characters. The secret is returned once, at creation;
 * only its SHA-256 is stored, with a short prefix to tell keys apart.
 */
import { createHash, randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { Socket } from "node:net";
import type { Request } from "express";
import pg from "pg";
import { AppError } from "../app-error.ts";
import { appendAudit } from "../audit/audit.ts";
import type { Prisma, PrismaClient, Role } from "../db/client.ts";
import type { Auth, Authenticate } from "../http/routes.ts";
import { withinTime } from "../within-time.ts";

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

// revokeApiKey notifies this channel with the key's id; Postgres delivers it at commit.
const REVOKED_CHANNEL = "ogf_api_key_revoked";
// A lost listener reconnects after this long, doubling up to the cap.
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 10_000;
// A listener that takes longer to answer is taken for lost (a connection can die unseen).
const ANSWER_MS = 1_000;

export interface KeyRevocationEvents {
  /** The key was revoked: forget it. */
  revoked: [keyId: string];
  /** Revocations may have been missed: forget every key. */
  reset: [];
  /** Every revocation is heard again. */
  listening: [];
}

/**
 * The revocations a key cache must hear to be exact. This one hears those committed in this
 * process (revokeApiKey with it), which is all of them only when no other process can use the
 * database, as with the embedded one.
 */
export class KeyRevocations extends EventEmitter<KeyRevocationEvents> {
  /** Whether every revocation is heard now: only then may keys be kept in memory. */
  get complete(): boolean {
    return true;
  }

  /**
   * Resolves once every revocation committed before the call has been heard; rejects if that
   * cannot be known. Here at once: this process's own are told as they commit.
   */
  async caughtUp(): Promise<void> {}

  /** A revocation has committed in this process. */
  revoked(keyId: string): void {
    this.emit("revoked", keyId);
  }

  async close(): Promise<void> {}
}

/**
 * Also hears the revocations of every other process on a PostgreSQL server, on a connection of
 * its own that LISTENs to revokeApiKey's notifications. A notification sent while that
 * connection is down is lost for good, so this is complete only from a confirmed LISTEN until
 * the connection fails; then it resets and reconnects.
 */
export class ListeningKeyRevocations extends KeyRevocations {
  private client: pg.Client | undefined;
  private listening = false;
  private retry: NodeJS.Timeout | undefined;
  private retryMs = RETRY_FIRST_MS;
  // The round trip that callers of caughtUp() share until it is sent, and the one before it.
  private nextTrip: Promise<void> | undefined;
  private lastTrip: Promise<unknown> = Promise.resolve();

  /** `onLost` hears why the listener failed; it reconnects by itself. */
  constructor(
    private readonly url: string,
    private readonly onLost: (error: Error) => void = () => undefined,
  ) {
    super();
    void this.listen();
  }

  override get complete(): boolean {
    return this.listening;
  }

  /**
   * A notification reaches the listener a little after its commit, not at once. But Postgres
   * signals the listening sessions before it confirms a commit, and a session sends what it was
   * signalled before it answers a query: so a round trip sent after this call settles every
   * revocation committed before it. Callers meanwhile share that round trip, sent when the one in
   * flight (sent before them, so of no use to them) returns.
   */
  override caughtUp(): Promise<void> {
    if (!this.nextTrip) {
      const trip = this.lastTrip.then(() => {
        this.nextTrip = undefined;
        return this.roundTrip();
      });
      this.nextTrip = trip;
      this.lastTrip = trip.catch(() => undefined);
    }
    return this.nextTrip;
  }

  override async close(): Promise<void> {
    clearTimeout(this.retry);
    const client = this.client;
    // Detached first, so that the events of its closing are ignored.
    this.client = undefined;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  private async roundTrip(): Promise<void> {
    const client = this.client;
    if (!client || !this.listening) throw new Error("not listening");
    try {
      await withinTime(client.query("SELECT 1"), ANSWER_MS, "the revocation listener");
    } catch (error) {
      this.lost(client, error as Error);
      throw error;
    }
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: "offgridflow key revocations",
      // An idle connection: keep-alives stop firewalls and NATs from dropping it.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // Unreferenced, so that listening never keeps the process alive.
      stream: () => new Socket().unref(),
    });
    this.client = client;
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client, new Error("the connection ended")));
    client.on("notification", ({ channel, payload }) => {
      if (channel === REVOKED_CHANNEL && payload) this.emit("revoked", payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${REVOKED_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.client !== client) return; // closed meanwhile
    this.listening = true;
    this.retryMs = RETRY_FIRST_MS;
    this.emit("listening");
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client) return; // a detached client's late events
    this.client = undefined;
    this.listening = false;
    this.emit("reset");
    client.end().catch(() => undefined);
    this.onLost(error);
    this.retry = setTimeout(() => void this.listen(), this.retryMs).unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }
}

/**
 * Revokes a key of the tenant and records `api_key.revoked` in the same transaction. A key
 * revoked already is returned as it is, with no second event; undefined when the tenant has no
 * such key. Every server refuses the key from its next request on: the commit notifies every
 * ListeningKeyRevocations, and `revocations`, this process's caches.
 */
export async function revokeApiKey(
  prisma: PrismaClient,
  input: { tenantId: string; keyId: string; actor: string },
  revocations?: KeyRevocations,
): Promise<ApiKeyDescription | undefined> {
  const revoked = await prisma.$transaction(async (tx: Prisma.TransactionClient) => {
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
      await tx.$executeRaw`SELECT pg_notify(${REVOKED_CHANNEL}, ${row.id})`;
      await appendAudit(tx, input.tenantId, {
        actor: input.actor,
        action: "api_key.revoked",
        subject: row.id,
        data: { role: row.role, prefix: row.prefix },
      });
    }
    return describeKey(row);
  });
  if (revoked) revocations?.revoked(revoked.id);
  return revoked;
}

interface CachedKey {
  auth: Auth;
  lastUsedAt: Date | null;
}

/**
 * Bearer-key authentication. A key is looked up by hash (one unique-index query) and kept in
 * memory while `revocations` hears every revocation; a key from memory is used once every
 * revocation committed before the request has been heard. So a revoked key is refused from the
 * next request on, in every process. Without `revocations`, every request asks the database.
 */
export class ApiKeyAuth {
  // When this process last wrote each key's last_used_at: requests that arrive while that write
  // is in flight still read the old time from the database.
  private readonly written = new Map<string, number>();
  private readonly cache = new Map<string, CachedKey>();
  // Counts evictions: a lookup that overlaps one may have read a key revoked since, so it is not
  // kept.
  private evictions = 0;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly revocations?: KeyRevocations,
  ) {
    revocations?.on("revoked", (keyId) => this.evict(keyId));
    revocations?.on("reset", () => this.evict());
  }

  readonly authenticate: Authenticate = async (req: Request) => {
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) {
      throw new AppError("unauthenticated", "send an API key as 'Authorization: Bearer <key>'", [
        { field: "header.authorization", message: header ? "not a Bearer token" : "missing" },
      ]);
    }
    const hash = hashKey(match[1] as string);
    const trusted = this.revocations?.complete === true;
    const evictions = this.evictions;
    const cached = await this.cached(hash);
    if (cached) {
      this.touch(cached.auth.keyId, cached.lastUsedAt);
      return cached.auth;
    }
    const row = await this.prisma.apiKey.findUnique({
      where: { hash },
      select: { id: true, tenantId: true, role: true, lastUsedAt: true, revokedAt: true },
    });
    if (!row || row.revokedAt) throw new AppError("unauthenticated", "unknown or revoked API key");
    const auth: Auth = { tenantId: row.tenantId, keyId: row.id, role: row.role };
    if (trusted && this.revocations?.complete && evictions === this.evictions) {
      this.cache.set(hash, { auth, lastUsedAt: row.lastUsedAt });
    }
    this.touch(row.id, row.lastUsedAt);
    return auth;
  };

  /** The key from memory, once every revocation committed before this request is heard. */
  private async cached(hash: string): Promise<CachedKey | undefined> {
    if (!this.revocations?.complete || !this.cache.has(hash)) return undefined;
    try {
      await this.revocations.caughtUp();
    } catch {
      return undefined; // the listener failed: ask the database
    }
    return this.cache.get(hash); // unless revoked (or reset) meanwhile
  }

  /** Forgets the key, or every key. */
  private evict(keyId?: string): void {
    this.evictions++;
    for (const [hash, cached] of this.cache) {
      if (keyId === undefined || cached.auth.keyId === keyId) this.cache.delete(hash);
    }
  }

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

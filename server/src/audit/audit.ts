/**
 * The audit trail: append-only events, chained per tenant. Each event's hash is the SHA-256 of
 * the previous event's hash and the event itself, so editing, deleting or reordering any event
 * breaks the chain from there on. (The database also refuses UPDATE and DELETE on the table.)
 */
import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "../db/client.ts";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditInput {
  /** `api-key:<id>`, `user:<id>` or `system`. */
  actor: string;
  action: string;
  subject?: string;
  data?: Prisma.InputJsonValue;
}

interface Chained {
  tenantId: string;
  seq: number;
  at: Date;
  actor: string;
  action: string;
  subject: string | null;
  data: unknown;
  prevHash: string;
}

/** The hash of one event: its predecessor's hash, then its fields as canonical JSON. */
export function eventHash(event: Chained): string {
  const fields = [
    event.tenantId,
    event.seq,
    event.at.toISOString(),
    event.actor,
    event.action,
    event.subject,
    event.data ?? null,
  ];
  return createHash("sha256")
    .update(`${event.prevHash}\n${JSON.stringify(fields, sortedKeys)}`)
    .digest("hex");
}

/** JSON with object keys sorted, so that jsonb's own key order cannot change a hash. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

type Transaction = Prisma.TransactionClient;

/** Appends one event inside `tx`; events of one tenant are serialised by an advisory lock. */
export async function appendAudit(
  tx: Transaction,
  tenantId: string,
  input: AuditInput,
): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`audit:${tenantId}`}))`;
  const last = await tx.auditEvent.findFirst({ where: { tenantId }, orderBy: { seq: "desc" } });
  // A JS Date has millisecond precision, as does the timestamp(3) column, so the hashed time
  // survives the round trip.
  const at = new Date();
  const event: Chained = {
    tenantId,
    seq: (last?.seq ?? 0) + 1,
    at,
    actor: input.actor,
    action: input.action,
    subject: input.subject ?? null,
    data: input.data ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.auditEvent.create({
    data: { ...event, subject: event.subject, data: input.data, hash: eventHash(event) },
  });
}

/** Appends one event in a transaction of its own. */
export async function audit(
  prisma: PrismaClient,
  tenantId: string,
  input: AuditInput,
): Promise<void> {
  await prisma.$transaction((tx: Transaction) => appendAudit(tx, tenantId, input));
}

export interface ChainBreak {
  tenantId: string;
  seq: number;
  reason: string;
}

export interface Verification {
  tenants: number;
  events: number;
  breaks: ChainBreak[];
}

/** Recomputes every tenant's chain and reports where it breaks. */
export async function verifyAuditChain(prisma: PrismaClient): Promise<Verification> {
  const tenants = await prisma.tenant.findMany({ select: { id: true } });
  const breaks: ChainBreak[] = [];
  let events = 0;
  for (const { id: tenantId } of tenants) {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let after = 0;
    for (;;) {
      const page = await prisma.auditEvent.findMany({
        where: { tenantId, seq: { gt: after } },
        orderBy: { seq: "asc" },
        take: 1000,
      });
      if (page.length === 0) break;
      for (const event of page) {
        events++;
        if (event.seq !== expectedSeq) {
          breaks.push({
            tenantId,
            seq: event.seq,
            reason: `expected event ${expectedSeq} (an event is missing)`,
          });
        } else if (event.prevHash !== prevHash) {
          breaks.push({
            tenantId,
            seq: event.seq,
            reason: "prev_hash does not match the previous event",
          });
        } else if (eventHash(event) !== event.hash) {
          breaks.push({
            tenantId,
            seq: event.seq,
            reason: "content does not match its hash (edited)",
          });
        }
        prevHash = event.hash;
        expectedSeq = event.seq + 1;
      }
      after = page[page.length - 1]?.seq ?? after;
    }
  }
  return { tenants: tenants.length, events, breaks };
}

/**
 * The `review` stage, done by a person: rows waiting for review, grouped by pattern with their
 * candidates, and a decision (approve, reject, or choose another mapping) applied to one row or
 * to every waiting row of its pattern. The rows are recalculated, the decision is an audit
 * event, and a reviewer's approval becomes a tenant rule that decides the pattern (or vendor) in
 * later ledgers.
 */
import { CATEGORIES, isRowError, library, type Result } from "@offgridflow/engine";
import { z } from "zod";
import { AppError } from "../app-error.ts";
import { appendAudit } from "../audit/audit.ts";
import type { Prisma, PrismaClient, Role } from "../db/client.ts";
import type { NumberFormat } from "../ledger/schema.ts";
import { CandidateSchema, type Candidate } from "./candidate.ts";
import { quantityOf } from "./map-ledger.ts";
import { vendorOf } from "./pattern.ts";
import { analysedRow, scopeOfCategory, type MappingRow, type Proposal } from "./proposal.ts";
import { retrieveCandidates } from "./retrieval/index.ts";
import { storeResult } from "./stored-result.ts";
import { estimateMapped } from "./to-activity.ts";

/** Roles whose approvals teach the mapper. */
const TEACHERS: readonly Role[] = ["reviewer", "admin"];

export const ChosenMappingSchema = z
  .object({
    category: z.enum(CATEGORIES),
    activity: z.string().min(1).nullable().default(null),
    naics: z
      .string()
      .regex(/^\d{6}$/, "a 6-digit NAICS code")
      .nullable()
      .default(null),
    factor: z
      .string()
      .nullable()
      .default(null)
      .meta({ description: "A factor id from the library, to use instead of the engine's choice" }),
  })
  .meta({ id: "ChosenMapping" });

export const ReviewDecisionSchema = z
  .object({
    action: z.enum(["approve", "reject", "choose"]),
    /** For `choose`: a candidate from GET /v1/review, or any category, activity and factor. */
    mapping: ChosenMappingSchema.optional(),
    apply_to: z
      .enum(["row", "pattern"])
      .default("row")
      .meta({ description: "pattern: every waiting row of the tenant with this row's pattern" }),
    learn: z.enum(["pattern", "vendor", "none"]).default("pattern").meta({
      description: "What a reviewer's approval teaches: this pattern, the vendor, or nothing",
    }),
    note: z.string().max(1000).optional(),
  })
  .meta({ id: "ReviewDecision" });

export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

interface Reviewer {
  tenantId: string;
  actor: string;
  role: Role;
}

type ReviewRow = Prisma.LedgerRowGetPayload<{ include: { ledger: true } }>;

function numberFormatOf(ledger: ReviewRow["ledger"]): NumberFormat | undefined {
  return (ledger.layout as { numberFormat?: NumberFormat } | null)?.numberFormat;
}

/** Candidates for a waiting row, computed afresh: retrieval is deterministic. */
export function candidatesFor(row: ReviewRow): Candidate[] {
  const fields = analysedRow(row.parsed as MappingRow);
  return retrieveCandidates(fields, {
    country: row.ledger.country ?? undefined,
    quantity: quantityOf(fields, numberFormatOf(row.ledger)),
  });
}

function chosenProposal(decision: ReviewDecision, current: Proposal): Proposal {
  if (decision.action !== "choose") return { ...current, confidence: 1 };
  const chosen = decision.mapping;
  if (!chosen)
    throw new AppError("validation", "choose needs a mapping", [
      { field: "body.mapping", message: "required when action is choose" },
    ]);
  if (chosen.factor && !library.get(chosen.factor))
    throw new AppError("validation", "unknown factor", [
      { field: "body.mapping.factor", message: `no factor "${chosen.factor}" in the library` },
    ]);
  return {
    ...chosen,
    confidence: 1,
    method: "review",
    reason: `chosen by a reviewer${decision.note ? `: ${decision.note}` : ""}`,
  };
}

interface Recalculated {
  id: string;
  status: "estimated" | "rejected";
  mapping: Proposal & { note: string; reviewed: { action: string; by: string } };
  result: ReturnType<typeof storeResult> | null;
  co2e_kg: number | null;
  scope: number | null;
  category: string;
}

/** The row under the decided proposal; a row that still cannot be estimated is refused. */
function recalculate(
  row: ReviewRow,
  proposal: Proposal,
  decision: ReviewDecision,
  actor: string,
): Recalculated {
  const reviewed = {
    action: decision.action,
    by: actor,
    ...(decision.note ? { note: decision.note } : {}),
  };
  if (decision.action === "reject") {
    const current = row.mapping as Proposal & { note: string };
    return {
      id: row.id,
      status: "rejected",
      mapping: { ...current, reviewed },
      result: null,
      co2e_kg: null,
      scope: null,
      category: current.category,
    };
  }
  const fields = analysedRow(row.parsed as MappingRow);
  const estimated = estimateMapped(
    proposal,
    fields,
    quantityOf(fields, numberFormatOf(row.ledger)),
    {
      id: String(row.rowNumber),
      region: row.ledger.country ?? undefined,
    },
  );
  const outcome = estimated.outcome;
  const result: Result | undefined = outcome && !isRowError(outcome) ? outcome : undefined;
  if (proposal.category !== "not_emissions" && (!result || !estimated.activity))
    throw new AppError(
      "unprocessable",
      `row ${row.rowNumber} cannot be estimated with this mapping: ${estimated.note}`,
      [
        {
          field: decision.action === "choose" ? "body.mapping" : "body.action",
          message: estimated.note,
        },
      ],
    );
  return {
    id: row.id,
    status: "estimated",
    mapping: { ...proposal, note: estimated.note, reviewed },
    result: result && estimated.activity ? storeResult(estimated.activity, result) : null,
    co2e_kg: result?.co2e_kg ?? null,
    scope: scopeOfCategory(proposal.category),
    category: proposal.category,
  };
}

async function writeRows(tx: Prisma.TransactionClient, tenantId: string, rows: Recalculated[]) {
  await tx.$executeRaw`
    UPDATE ledger_rows AS t
    SET status = r.status::"RowStatus", mapping = r.mapping, result = r.result,
        co2e_kg = r.co2e_kg, scope = r.scope, category = r.category
    FROM json_to_recordset(${JSON.stringify(rows)}::json)
      AS r(id uuid, status text, mapping json, result json, co2e_kg float8, scope int, category text)
    WHERE t.id = r.id AND t.tenant_id = ${tenantId}::uuid`;
}

export const ReviewOutcomeSchema = z.object({
  rows: z.array(
    z.object({
      id: z.string(),
      row_number: z.number().int(),
      ledger_id: z.string(),
      status: z.string(),
      co2e_kg: z.number().nullable(),
    }),
  ),
  rule: z
    .object({
      kind: z.string(),
      pattern: z.string(),
      category: z.string(),
      activity: z.string().nullable(),
    })
    .nullable()
    .meta({ description: "The rule learned (reviewer and admin roles only)" }),
});

export type ReviewOutcome = z.infer<typeof ReviewOutcomeSchema>;

/** Applies a person's decision to a row (or its pattern), recalculates, audits and learns. */
export async function decideReview(
  prisma: PrismaClient,
  reviewer: Reviewer,
  rowId: string,
  decision: ReviewDecision,
): Promise<ReviewOutcome> {
  const { tenantId, actor } = reviewer;
  const row = await prisma.ledgerRow.findFirst({
    where: { id: rowId, tenantId },
    include: { ledger: true },
  });
  if (!row)
    throw new AppError("not_found", "row not found", [
      { field: "params.rowId", message: "not found" },
    ]);
  if (row.status !== "needs_review" && row.status !== "estimated")
    throw new AppError("conflict", `row is ${row.status}: only mapped rows can be reviewed`, [
      { field: "params.rowId", message: `status ${row.status}` },
    ]);
  const current = row.mapping as Proposal;
  const proposal = chosenProposal(decision, current);
  const targets =
    decision.apply_to === "pattern" && row.pattern !== null
      ? await prisma.ledgerRow.findMany({
          where: {
            tenantId,
            pattern: row.pattern,
            OR: [{ status: "needs_review" }, { id: row.id }],
          },
          include: { ledger: true },
          orderBy: [{ ledgerId: "asc" }, { rowNumber: "asc" }],
        })
      : [row];
  const recalculated = targets.map((target) => recalculate(target, proposal, decision, actor));
  const teach =
    decision.action !== "reject" && decision.learn !== "none" && TEACHERS.includes(reviewer.role);
  const rule = teach
    ? {
        kind: decision.learn,
        pattern:
          decision.learn === "vendor"
            ? vendorOf(analysedRow(row.parsed as MappingRow))
            : (row.pattern ?? ""),
        category: proposal.category,
        activity: proposal.activity,
        naics: proposal.naics,
        factorId: proposal.factor ?? null,
      }
    : null;
  if (rule && rule.pattern === "")
    throw new AppError("validation", "nothing to learn from", [
      { field: "body.learn", message: `the row has no ${decision.learn}` },
    ]);
  await prisma.$transaction(async (tx: Prisma.TransactionClient) => {
    await writeRows(tx, tenantId, recalculated);
    await appendAudit(tx, tenantId, {
      actor,
      action: `review.${decision.action}`,
      subject: row.id,
      data: {
        pattern: row.pattern,
        rows: recalculated.map((target) => target.id),
        before: {
          category: current.category,
          activity: current.activity,
          naics: current.naics,
          method: current.method,
        },
        after: {
          category: proposal.category,
          activity: proposal.activity,
          naics: proposal.naics,
          factor: proposal.factor ?? null,
        },
        ...(decision.note ? { note: decision.note } : {}),
      },
    });
    if (rule) {
      const { kind, pattern, ...mapping } = rule;
      await tx.mappingRule.upsert({
        where: { tenantId_kind_pattern: { tenantId, kind, pattern } },
        create: { tenantId, kind, pattern, ...mapping, createdBy: actor },
        update: { ...mapping, createdBy: actor },
      });
      await appendAudit(tx, tenantId, {
        actor,
        action: "mapping_rule.learned",
        subject: `${kind}:${pattern}`,
        data: mapping,
      });
    }
  });
  return {
    rows: recalculated.map((target, index) => ({
      id: target.id,
      row_number: (targets[index] as ReviewRow).rowNumber,
      ledger_id: (targets[index] as ReviewRow).ledgerId,
      status: target.status,
      co2e_kg: target.co2e_kg,
    })),
    rule: rule && {
      kind: rule.kind,
      pattern: rule.pattern,
      category: rule.category,
      activity: rule.activity,
    },
  };
}

export const ReviewGroupSchema = z
  .object({
    pattern: z.string().meta({ description: "Vendor | account code | account name | description" }),
    rows: z.number().int(),
    row_ids: z
      .array(z.string())
      .meta({ description: "The first 20 rows, in ledger and file order" }),
    example: z.object({
      row_id: z.string(),
      ledger_id: z.string(),
      row_number: z.number().int(),
      fields: z.unknown(),
    }),
    proposal: z.unknown().meta({ description: "The mapping layer's best guess and why it waits" }),
    candidates: z.array(CandidateSchema),
  })
  .meta({ id: "ReviewGroup" });

export type ReviewGroup = z.infer<typeof ReviewGroupSchema>;

/** Sample of row ids shown per group; the count says how many there are. */
const ROW_IDS_SHOWN = 20;

/** Waiting rows grouped by pattern, the largest groups first. */
export async function waitingForReview(
  prisma: PrismaClient,
  tenantId: string,
  options: { ledgerId?: string; limit: number; offset: number },
): Promise<{ groups: ReviewGroup[]; patterns: number; rows: number }> {
  const ledger = options.ledgerId ?? null;
  const groups = await prisma.$queryRaw<{ pattern: string; rows: number; ids: string[] }[]>`
    SELECT pattern, count(*)::int AS rows,
           (array_agg(id::text ORDER BY ledger_id, row_number))[1:${ROW_IDS_SHOWN}] AS ids
    FROM ledger_rows
    WHERE tenant_id = ${tenantId}::uuid AND status = 'needs_review'
      AND (${ledger}::uuid IS NULL OR ledger_id = ${ledger}::uuid)
    GROUP BY pattern
    ORDER BY count(*) DESC, pattern
    LIMIT ${options.limit} OFFSET ${options.offset}`;
  const [totals] = await prisma.$queryRaw<{ patterns: number; rows: number }[]>`
    SELECT count(DISTINCT pattern)::int AS patterns, count(*)::int AS rows
    FROM ledger_rows
    WHERE tenant_id = ${tenantId}::uuid AND status = 'needs_review'
      AND (${ledger}::uuid IS NULL OR ledger_id = ${ledger}::uuid)`;
  const examples = await prisma.ledgerRow.findMany({
    where: { tenantId, id: { in: groups.map((group) => group.ids[0] as string) } },
    include: { ledger: true },
  });
  const byId = new Map(examples.map((example) => [example.id, example]));
  return {
    groups: groups.map((group) => {
      const example = byId.get(group.ids[0] as string) as ReviewRow;
      return {
        pattern: group.pattern,
        rows: group.rows,
        row_ids: group.ids,
        example: {
          row_id: example.id,
          ledger_id: example.ledgerId,
          row_number: example.rowNumber,
          fields: example.parsed,
        },
        proposal: example.mapping,
        candidates: candidatesFor(example),
      };
    }),
    patterns: totals?.patterns ?? 0,
    rows: totals?.rows ?? 0,
  };
}

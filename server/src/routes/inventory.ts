import { aggregate, type GroupKey, type Result } from "@offgridflow/engine";
import { z } from "zod";
import type { PrismaClient } from "../db/client.ts";
import type { Routes } from "../http/routes.ts";
import { rebuildResults } from "../mapping/stored-result.ts";

const PAGE = 10_000;
// `month` groups by period at month resolution; the others are the engine's group keys.
const GROUPS = ["scope", "category", "entity", "site", "month", "quarter", "year"] as const;

const isoDate = z.iso.date().meta({ example: "2024-01-01" });

export function registerInventory(routes: Routes, prisma: PrismaClient): void {
  routes.add({
    method: "get",
    path: "/v1/inventory",
    summary: "Get the inventory over stored results",
    tags: ["inventory"],
    roles: ["admin", "editor", "reviewer", "viewer"],
    query: z.object({
      from: isoDate.optional().meta({ description: "First day included" }),
      to: isoDate.optional().meta({ description: "Last day included" }),
      ledger_id: z.uuid().optional().meta({ description: "Only this ledger's rows" }),
      groupBy: z
        .string()
        .default("scope,category")
        .transform((text) => text.split(","))
        .pipe(z.array(z.enum(GROUPS)).min(1))
        .meta({ description: `Comma-separated: ${GROUPS.join(", ")}` }),
    }),
    responses: {
      200: {
        description: "Totals with location- and market-based Scope 2 side by side, and groups",
        content: {
          "application/json": {
            schema: z.object({
              totals: z.unknown(),
              groups: z.unknown(),
              results: z.number(),
              waiting_review: z.number().meta({
                description: "Rows in the period that wait for review: not in the totals",
              }),
            }),
          },
        },
      },
    },
    async handle({ query, auth, res }) {
      const results: Result[] = [];
      const rowFilter = {
        ...(query.ledger_id ? { ledgerId: query.ledger_id } : {}),
        ...(query.from || query.to
          ? {
              date: {
                ...(query.from ? { gte: new Date(query.from) } : {}),
                ...(query.to ? { lte: new Date(query.to) } : {}),
              },
            }
          : {}),
      };
      let after: string | undefined;
      for (;;) {
        const rows = await prisma.ledgerRow.findMany({
          where: {
            tenantId: auth.tenantId,
            // Rows waiting for review are not in the inventory until a person decides them.
            status: "estimated",
            co2eKg: { not: null },
            ...rowFilter,
            ...(after ? { id: { gt: after } } : {}),
          },
          orderBy: { id: "asc" },
          take: PAGE,
          select: { id: true, result: true },
        });
        if (rows.length === 0) break;
        results.push(...rebuildResults(rows));
        after = rows[rows.length - 1]?.id;
      }
      const waiting = await prisma.ledgerRow.count({
        where: { tenantId: auth.tenantId, status: "needs_review", ...rowFilter },
      });
      const byPeriod =
        query.groupBy.find((key) => key === "month" || key === "quarter" || key === "year") ??
        "month";
      const groupBy = query.groupBy.map((key): GroupKey =>
        key === "month" || key === "quarter" || key === "year" ? "period" : key,
      );
      const inventory = aggregate(results, { groupBy: [...new Set(groupBy)], period: byPeriod });
      res.json({
        totals: inventory.totals,
        groups: inventory.groups,
        results: inventory.results,
        waiting_review: waiting,
      });
    },
  });
}

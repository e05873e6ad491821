/**
 * Review: the rows the mapping layer is not sure of, grouped by pattern with their candidates,
 * and a person's decision on a row or its whole pattern.
 */
import { z } from "zod";
import type { PrismaClient } from "../db/client.ts";
import type { Routes } from "../http/routes.ts";
import {
  decideReview,
  ReviewDecisionSchema,
  ReviewGroupSchema,
  ReviewOutcomeSchema,
  waitingForReview,
} from "../mapping/review.ts";

export function registerReview(routes: Routes, prisma: PrismaClient): void {
  routes.add({
    method: "get",
    path: "/v1/review",
    summary: "List rows waiting for review, grouped by pattern",
    tags: ["review"],
    roles: ["admin", "editor", "reviewer", "viewer"],
    query: z.object({
      ledger_id: z.uuid().optional().meta({ description: "Only this ledger's rows" }),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
    responses: {
      200: {
        description: "Groups, the largest first, with the totals over all groups",
        content: {
          "application/json": {
            schema: z.object({
              groups: z.array(ReviewGroupSchema),
              patterns: z.number().int(),
              rows: z.number().int(),
            }),
          },
        },
      },
    },
    async handle({ query, auth, res }) {
      res.json(
        await waitingForReview(prisma, auth.tenantId, {
          ledgerId: query.ledger_id,
          limit: query.limit,
          offset: query.offset,
        }),
      );
    },
  });

  routes.add({
    method: "post",
    path: "/v1/review/:rowId",
    summary: "Decide a row waiting for review",
    tags: ["review"],
    roles: ["admin", "editor", "reviewer"],
    params: z.object({ rowId: z.uuid().meta({ description: "Ledger row id" }) }),
    body: ReviewDecisionSchema,
    responses: {
      200: {
        description: "The rows recalculated, and the rule learned",
        content: {
          "application/json": {
            schema: ReviewOutcomeSchema,
          },
        },
      },
    },
    async handle({ params, body, auth, res }) {
      res.json(
        await decideReview(
          prisma,
          { tenantId: auth.tenantId, actor: `api-key:${auth.keyId}`, role: auth.role },
          params.rowId,
          body,
        ),
      );
    },
  });
}

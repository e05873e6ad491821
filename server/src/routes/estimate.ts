import {
  aggregate,
  estimate,
  estimateBatch,
  isRowError,
  type Activity,
  type Outcome,
} from "@offgridflow/engine";
import { z } from "zod";
import { AppError } from "../app-error.ts";
import { isRowProblem, parseEachRow } from "../http/each-row.ts";
import type { Routes } from "../http/routes.ts";
import {
  ActivitySchema,
  EstimateOptionsSchema,
  OutcomeSchema,
  ResultSchema,
} from "../schemas/contract.ts";

const ALL_ROLES = ["admin", "editor", "reviewer", "viewer"] as const;
export const MAX_BATCH = 10_000;

const TotalsSchema = z.object({
  scope1_kg: z.number(),
  scope2_location_kg: z.number(),
  scope2_market_kg: z.number(),
  scope3_kg: z.number(),
  total_location_kg: z.number(),
  total_market_kg: z.number(),
  biogenic_co2_kg: z.number(),
});

const BatchSchema = z.object({
  // Rows are checked one by one below, so that one bad row does not reject the batch.
  activities: z.array(z.unknown()).max(MAX_BATCH),
  options: EstimateOptionsSchema.optional(),
});

export function registerEstimate(routes: Routes): void {
  routes.add({
    method: "post",
    path: "/v1/estimate",
    summary: "Estimate one activity",
    tags: ["estimate"],
    roles: ALL_ROLES,
    query: EstimateOptionsSchema.pick({ gwp: true, price_index: true }),
    body: ActivitySchema,
    responses: {
      200: {
        description: "The result with its provenance",
        content: { "application/json": { schema: ResultSchema } },
      },
    },
    handle({ body, query, res }) {
      const outcome = estimate(body, query);
      if (isRowError(outcome)) {
        throw new AppError("unprocessable", outcome.error.message, [
          { field: `body.${outcome.error.field}`, message: outcome.error.message },
        ]);
      }
      res.json(outcome);
    },
  });

  routes.add({
    method: "post",
    path: "/v1/estimate/batch",
    summary: "Estimate up to 10,000 activities",
    tags: ["estimate"],
    roles: ALL_ROLES,
    body: BatchSchema,
    responses: {
      200: {
        description:
          "One outcome per activity, in order (a result or that row's error), and totals",
        content: {
          "application/json": {
            schema: z.object({
              results: z.array(OutcomeSchema),
              totals: TotalsSchema,
              errors: z.number(),
            }),
          },
        },
      },
    },
    handle({ body, res }) {
      // Named as the engine names fields in its own row errors.
      const rows = parseEachRow(ActivitySchema, body.activities, "activity");
      const valid = rows.filter((row): row is Activity => !isRowProblem(row));
      const estimated = estimateBatch(valid, body.options);
      let next = 0;
      const results = rows.map((row): Outcome =>
        isRowProblem(row) ? row : (estimated[next++] as Outcome),
      );
      const inventory = aggregate(results);
      res.json({ results, totals: inventory.totals, errors: inventory.errors });
    },
  });
}

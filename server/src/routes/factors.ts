import { describeFactor, factorSearch } from "@offgridflow/engine";
import { z } from "zod";
import type { Routes } from "../http/routes.ts";

const FactorSchema = z
  .object({
    id: z.string(),
    activity: z.string(),
    name: z.string(),
    source: z.string(),
    edition: z.string(),
    region: z.string(),
    year: z.number(),
    unit: z.string(),
    values: z.object({
      gases_kg: z.record(z.string(), z.number()),
      co2e_kg: z.number().nullable(),
      co2e_gwp: z.string().nullable(),
    }),
  })
  .meta({ id: "Factor" });

export function registerFactors(routes: Routes): void {
  routes.add({
    method: "get",
    path: "/v1/factors",
    summary: "Search the factor library",
    tags: ["factors"],
    roles: ["admin", "editor", "reviewer", "viewer"],
    query: z.object({
      q: z.string().min(1).meta({ description: "Words to look for", example: "natural gas" }),
      region: z
        .string()
        .optional()
        .meta({ description: "A region and its fallbacks", example: "US-CAMX" }),
      year: z.coerce
        .number()
        .int()
        .optional()
        .meta({ description: "Keep the factor nearest this year" }),
      source: z.string().optional().meta({ example: "desnz" }),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    responses: {
      200: {
        description: "Factors, best match first",
        content: { "application/json": { schema: z.object({ factors: z.array(FactorSchema) }) } },
      },
    },
    handle({ query, res }) {
      const hits = factorSearch().search({ text: query.q, ...query });
      res.json({ factors: hits.map((hit) => describeFactor(hit.factor)) });
    },
  });
}

import { ENGINE_VERSION } from "@offgridflow/engine";
import { createDocument } from "zod-openapi";
import type { Routes } from "./http/routes.ts";
import { PROBLEM_RESPONSE } from "./http/problem.ts";

/** The OpenAPI 3.1 document, generated from the schemas the routes validate with. */
export function openapiDocument(routes: Routes) {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "OffGridFlow API",
      version: ENGINE_VERSION.split("@")[1] ?? "0.0.0",
      description:
        "GHG Protocol emissions with full provenance. Authenticate with an API key: `Authorization: Bearer ogf_...`.",
    },
    paths: routes.openapiPaths(),
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An OffGridFlow API key" },
      },
      responses: { Problem: PROBLEM_RESPONSE },
    },
  });
}

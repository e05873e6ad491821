/**
 * Errors as RFC 9457 problem details (`application/problem+json`), with the fields at fault.
 */
import type { ErrorRequestHandler } from "express";
import { z } from "zod";
import { AppError, ERROR_STATUS, type ErrorCode } from "../app-error.ts";

export const ProblemSchema = z
  .object({
    type: z.string().meta({ description: "urn:offgridflow:problem:<code>" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });

export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_RESPONSE = {
  description: "An error, as RFC 9457 problem details naming the fields at fault",
  content: { "application/problem+json": { schema: ProblemSchema } },
};

const TITLES: Record<ErrorCode, string> = {
  validation: "Invalid request",
  unauthenticated: "Authentication required",
  forbidden: "Not allowed",
  not_found: "Not found",
  conflict: "Conflict",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  unprocessable: "Unprocessable content",
  unavailable: "Service unavailable",
  internal: "Internal error",
};

/** Errors thrown by express's own body parser, by their `type`. */
function fromBodyParser(error: { type?: string; message?: string }): AppError | undefined {
  if (error.type === "entity.parse.failed") {
    return new AppError("validation", "the body is not valid JSON", [
      { field: "body", message: error.message ?? "invalid JSON" },
    ]);
  }
  if (error.type === "entity.too.large") {
    return new AppError("payload_too_large", "the body is larger than this endpoint accepts");
  }
  return undefined;
}

export function problemHandler(log: (error: unknown) => void): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const known = error instanceof AppError ? error : fromBodyParser(error as { type?: string });
    const problem = known ?? new AppError("internal", "an unexpected error occurred");
    if (!known) log(error);
    const body: Problem = {
      type: `urn:offgridflow:problem:${problem.code}`,
      title: TITLES[problem.code],
      status: ERROR_STATUS[problem.code],
      detail: problem.message,
      instance: req.originalUrl,
      errors: problem.errors,
    };
    res.status(body.status).type("application/problem+json").json(body);
  };
}

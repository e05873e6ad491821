/**
 * Errors as RFC 9457 problem details (`application/problem+json`), with the fields at fault.
 */
import type { ErrorRequestHandler, Request } from "express";
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

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

/**
 * Errors thrown by express's body parser (http-errors with a `type`), named by the header or
 * the body at fault. Anything else it throws is a client error too: it only reads the request.
 */
function fromBodyParser(error: BodyParserError, req: Request): AppError | undefined {
  const message = error.message ?? "unreadable body";
  switch (error.type) {
    case "entity.parse.failed":
      return new AppError("validation", "the body is not valid JSON", [{ field: "body", message }]);
    case "entity.too.large":
      return new AppError("payload_too_large", "the body is larger than this endpoint accepts", [
        { field: "body", message },
      ]);
    case "charset.unsupported":
      return new AppError("unsupported_media_type", "send the body as UTF-8", [
        { field: "header.content-type", message },
      ]);
    case "encoding.unsupported":
      return new AppError("unsupported_media_type", "unsupported Content-Encoding", [
        { field: "header.content-encoding", message },
      ]);
  }
  const status = error.status;
  if (error.type === undefined && status === undefined) return undefined;
  if (status !== undefined && (status < 400 || status >= 500)) return undefined;
  // A body that does not decompress as its Content-Encoding says, a cut-off body, and the like.
  const field = req.headers["content-encoding"] ? "header.content-encoding" : "body";
  return new AppError("validation", `unreadable body: ${message}`, [{ field, message }]);
}

/** Prisma's codes for a database that cannot be reached or is too busy to take the query. */
const DATABASE_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);

function fromDatabase(error: { code?: unknown }): AppError | undefined {
  if (typeof error.code !== "string" || !DATABASE_UNAVAILABLE.has(error.code)) return undefined;
  return new AppError("unavailable", "the database is unavailable; try again shortly", [], 5);
}

export function problemHandler(log: (error: unknown) => void): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const known =
      error instanceof AppError
        ? error
        : (fromBodyParser(error as BodyParserError, req) ?? fromDatabase(error));
    const problem = known ?? new AppError("internal", "an unexpected error occurred");
    if (!known || problem.code === "unavailable") log(error);
    if (problem.retryAfter !== undefined) res.set("Retry-After", String(problem.retryAfter));
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

/**
 * Routes are declared once: the same zod schemas validate each request and describe it in the
 * OpenAPI document, and every route names the roles that may call it.
 */
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { z } from "zod";
import type {
  ZodOpenApiOperationObject,
  ZodOpenApiPathsObject,
  ZodOpenApiRequestBodyObject,
  ZodOpenApiResponsesObject,
} from "zod-openapi";
import { AppError, type FieldError } from "../app-error.ts";
import { PROBLEM_RESPONSE } from "./problem.ts";
import type { Role } from "../db/client.ts";

/** Who is calling: the tenant and role of the API key. */
export interface Auth {
  tenantId: string;
  keyId: string;
  role: Role;
}

export type Authenticate = (req: Request) => Promise<Auth>;

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
> {
  method: "get" | "post" | "delete";
  /** Express style, `/v1/ledgers/:id`. */
  path: string;
  summary: string;
  tags: string[];
  /** Roles allowed to call the route. */
  roles: readonly Role[];
  params?: P;
  query?: Q;
  /** A JSON body, validated before the handler runs. */
  body?: B;
  /** Documents a body the handler reads itself (a multipart upload). */
  rawBody?: ZodOpenApiRequestBodyObject;
  responses: ZodOpenApiResponsesObject;
  handle(input: {
    params: Infer<P>;
    query: Infer<Q>;
    body: Infer<B>;
    auth: Auth;
    req: Request;
    res: Response;
  }): Promise<void> | void;
}

/** Zod issues as field errors: `body.activities.3.quantity` style paths under `where`. */
export function fieldErrors(where: string, error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}

function parse<S extends Schema | undefined>(schema: S, value: unknown, where: string): Infer<S> {
  if (!schema) return undefined as Infer<S>;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError("validation", `invalid ${where}`, fieldErrors(where, result.error));
  }
  return result.data as Infer<S>;
}

/** A JSON route refuses another media type by name rather than reading it as a missing body. */
function requireJson(req: Request, _res: Response, next: NextFunction): void {
  // null: no body at all, which the body schema then names.
  if (req.is("application/json") !== false) return next();
  const type = req.headers["content-type"];
  next(
    new AppError("unsupported_media_type", "send the body as application/json", [
      {
        field: "header.content-type",
        message: `expected application/json, got ${type ?? "nothing"}`,
      },
    ]),
  );
}

export class Routes {
  private readonly specs: RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined>[] =
    [];

  add<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined>(
    spec: RouteSpec<P, Q, B>,
  ): this {
    this.specs.push(
      spec as unknown as RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined>,
    );
    return this;
  }

  router(authenticate: Authenticate, options: { jsonLimit: string }): Router {
    const router = express.Router();
    const json = express.json({ limit: options.jsonLimit });
    for (const spec of this.specs) {
      // The key and role are checked before any body is read: an anonymous caller cannot make
      // the server parse megabytes of JSON.
      const authorise = async (req: Request, res: Response, next: NextFunction) => {
        const auth = await authenticate(req);
        if (!spec.roles.includes(auth.role)) {
          throw new AppError(
            "forbidden",
            `role ${auth.role} may not ${spec.summary.toLowerCase()}`,
            [{ field: "header.authorization", message: `a ${auth.role} key may not do this` }],
          );
        }
        res.locals.auth = auth;
        next();
      };
      const handlers = spec.body ? [authorise, requireJson, json] : [authorise];
      router[spec.method](spec.path, ...handlers, async (req: Request, res: Response) => {
        await spec.handle({
          params: parse(spec.params, req.params, "params"),
          query: parse(spec.query, req.query, "query"),
          body: parse(spec.body, req.body, "body"),
          auth: res.locals.auth as Auth,
          req,
          res,
        });
      });
    }
    return router;
  }

  /** The OpenAPI paths of every route, from the same schemas that validate them. */
  openapiPaths(): ZodOpenApiPathsObject {
    const paths: ZodOpenApiPathsObject = {};
    for (const spec of this.specs) {
      const path = spec.path.replace(/:(\w+)/g, "{$1}");
      const operation: ZodOpenApiOperationObject = {
        summary: spec.summary,
        tags: spec.tags,
        description: `Roles: ${spec.roles.join(", ")}.`,
        security: [{ apiKey: [] }],
        requestParams: {
          ...(spec.params ? { path: spec.params as never } : {}),
          ...(spec.query ? { query: spec.query as never } : {}),
        },
        ...(spec.body
          ? {
              requestBody: {
                required: true,
                content: { "application/json": { schema: spec.body } },
              },
            }
          : spec.rawBody
            ? { requestBody: spec.rawBody }
            : {}),
        responses: { ...spec.responses, default: PROBLEM_RESPONSE },
      };
      paths[path] = { ...paths[path], [spec.method]: operation };
    }
    return paths;
  }
}

/**
 * The add-in's one way to talk to the server: bearer key, JSON, a time limit on every request,
 * and errors that say what went wrong in words an accountant can act on.
 */
import type { Connection } from "./connection.ts";

/** No answer within this time counts as unreachable: a cell must never wait forever. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** The server could not be reached (refused, DNS, TLS, timeout). */
export class UnreachableError extends Error {
  constructor(
    readonly url: string,
    cause?: unknown,
  ) {
    super(`cannot reach OffGridFlow at ${url}`, { cause });
    this.name = "UnreachableError";
  }
}

/** The server answered with an error (RFC 9457 problem details). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type Fetch = typeof fetch;

export interface RequestOptions {
  method?: string;
  /** A JSON body, or FormData for uploads. */
  body?: unknown;
  timeoutMs?: number;
}

export class ApiClient {
  constructor(
    readonly connection: Pick<Connection, "url" | "key">,
    private readonly fetchImpl: Fetch = (...args) => globalThis.fetch(...args),
  ) {}

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.connection.key}` };
    let body: BodyInit | undefined;
    if (options.body instanceof FormData) body = options.body;
    else if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.connection.url}${path}`, {
        method: options.method ?? (body === undefined ? "GET" : "POST"),
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new UnreachableError(this.connection.url, error);
    }
    const text = await response.text().catch((error: unknown) => {
      throw new UnreachableError(this.connection.url, error);
    });
    const json = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const problem = (json ?? {}) as {
        detail?: string;
        title?: string;
        errors?: ApiError["errors"];
      };
      throw new ApiError(
        response.status,
        problem.detail || problem.title || `HTTP ${response.status} from ${this.connection.url}`,
        problem.errors ?? [],
      );
    }
    return json as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

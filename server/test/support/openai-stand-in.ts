/**
 * A stand-in for an OpenAI-compatible model endpoint: a real HTTP server on 127.0.0.1 speaking
 * the Chat Completions protocol, so tests run the real openai client and LangChain (retries,
 * timeouts, parsing) against answers, failures and delays the test scripts call by call.
 *
 * Like api.openai.com it serves `POST /v1/chat/completions` only: give clients `baseURL`, which
 * ends in `/v1`. It accepts only requests with the bearer key, `model`, `messages` and
 * `response_format.type` "json_schema", answering others as OpenAI would (401, 400, 404).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Behaviour =
  /** A completion whose content is `JSON.stringify(answer)`. */
  | { kind: "answer"; answer: object }
  /** A completion with this content as is, to send what is not JSON or not in the schema. */
  | { kind: "raw"; content: string }
  /** An OpenAI-shaped error; `retryAfter` (seconds) becomes the `retry-after` header. */
  | { kind: "status"; status: number; retryAfter?: number; message?: string }
  /** Waits, then behaves as `then`; nothing is sent if the client gives up first. */
  | { kind: "delay"; ms: number; then: Behaviour };

/** The parts of a chat completions request the stand-in checks and tests look at. */
export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format: { type: string; json_schema?: { name: string; strict?: boolean; schema: any } };
  [field: string]: unknown;
}

export interface Exchange {
  path: string;
  headers: IncomingHttpHeaders;
  /** The request body, parsed. */
  body: any;
  /** What was sent back, unless the client gave up first. */
  response?: { status: number; body: any };
}

export interface OpenAiStandIn {
  /** `http://127.0.0.1:<port>/v1`. */
  baseURL: string;
  apiKey: string;
  /** Every request received, in order. */
  exchanges: Exchange[];
  /** How to answer the next calls, in order; calls after them get the default behaviour. */
  script(...behaviours: Behaviour[]): void;
  close(): Promise<void>;
}

export interface StandInOptions {
  /** The bearer key clients must send; default `test-key`. */
  apiKey?: string;
  /** How to answer calls nothing is scripted for; default `pickByLabel`. */
  respond?: (request: ChatRequest) => Behaviour;
}

/** About four characters per token, OpenAI's rule of thumb for English text. */
const tokens = (text: string) => Math.ceil(text.length / 4);

/**
 * Reads the map-row user message: answers with the first candidate whose label shares a word
 * of four letters or more with the row's description or vendor, else "none"; so one stand-in
 * can answer many patterns.
 */
export function pickByLabel(request: ChatRequest): Behaviour {
  const user = request.messages.filter((message) => message.role === "user").at(-1)?.content ?? "";
  const words = (text: string) => new Set(text.toLowerCase().match(/\p{L}{4,}/gu) ?? []);
  const row = [...user.matchAll(/^(?:description|vendor): (.*)$/gm)].map((m) => m[1]).join(" ");
  const rowWords = words(row);
  for (const [, key, label] of user.matchAll(/^\d+\. key: ([^;]+);.*; label: (.*); unit: /gm)) {
    if ([...words(label!)].some((word) => rowWords.has(word))) {
      return {
        kind: "answer",
        answer: { choice: key, confidence: 0.9, rationale: `The row names "${label}".` },
      };
    }
  }
  return {
    kind: "answer",
    answer: { choice: "none", confidence: 0.8, rationale: "No candidate's label matches." },
  };
}

const ERROR_TYPES: Record<number, { type: string; code: string | null }> = {
  400: { type: "invalid_request_error", code: null },
  401: { type: "invalid_request_error", code: "invalid_api_key" },
  404: { type: "invalid_request_error", code: "unknown_url" },
  429: { type: "requests", code: "rate_limit_exceeded" },
};

function errorBody(status: number, message: string) {
  const { type, code } = ERROR_TYPES[status] ?? { type: "server_error", code: null };
  return { error: { message, type, param: null, code } };
}

/** Why a request is not one the endpoint would accept, or undefined if it is. */
function rejection(headers: IncomingHttpHeaders, body: any, apiKey: string) {
  if (headers.authorization !== `Bearer ${apiKey}`) {
    return { status: 401, message: "Incorrect API key provided." };
  }
  if (typeof body?.model !== "string") return { status: 400, message: "model is required" };
  if (!Array.isArray(body.messages)) return { status: 400, message: "messages is required" };
  if (body.response_format?.type !== "json_schema") {
    return { status: 400, message: "this stand-in only answers response_format json_schema" };
  }
  return undefined;
}

export async function startOpenAiStandIn(options: StandInOptions = {}): Promise<OpenAiStandIn> {
  const apiKey = options.apiKey ?? "test-key";
  const respond = options.respond ?? pickByLabel;
  const scripted: Behaviour[] = [];
  const exchanges: Exchange[] = [];
  const timers = new Set<NodeJS.Timeout>();

  function send(
    res: ServerResponse,
    exchange: Exchange,
    status: number,
    body: object,
    headers = {},
  ) {
    exchange.response = { status, body };
    res.writeHead(status, {
      "content-type": "application/json",
      "x-request-id": `req_standin_${exchanges.indexOf(exchange) + 1}`,
      ...headers,
    });
    res.end(JSON.stringify(body));
  }

  function behave(res: ServerResponse, exchange: Exchange, request: ChatRequest, how: Behaviour) {
    if (res.destroyed) return;
    switch (how.kind) {
      case "delay": {
        const timer = setTimeout(() => {
          timers.delete(timer);
          behave(res, exchange, request, how.then);
        }, how.ms);
        timers.add(timer);
        res.on("close", () => {
          clearTimeout(timer);
          timers.delete(timer);
        });
        return;
      }
      case "status":
        send(
          res,
          exchange,
          how.status,
          errorBody(how.status, how.message ?? `stand-in status ${how.status}`),
          how.retryAfter === undefined ? {} : { "retry-after": String(how.retryAfter) },
        );
        return;
      case "answer":
      case "raw": {
        const content = how.kind === "answer" ? JSON.stringify(how.answer) : how.content;
        const prompt_tokens = tokens(request.messages.map((m) => m.content).join(""));
        const completion_tokens = tokens(content);
        send(res, exchange, 200, {
          id: `chatcmpl-standin-${exchanges.indexOf(exchange) + 1}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: request.model,
          choices: [
            {
              index: 0,
              message: { role: "assistant", content, refusal: null },
              finish_reason: "stop",
              logprobs: null,
            },
          ],
          usage: {
            prompt_tokens,
            completion_tokens,
            total_tokens: prompt_tokens + completion_tokens,
          },
        });
        return;
      }
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      let body: any;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        body = undefined;
      }
      const exchange: Exchange = { path: req.url ?? "", headers: req.headers, body };
      exchanges.push(exchange);
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        send(res, exchange, 404, errorBody(404, `Unknown request URL: ${req.method} ${req.url}`));
        return;
      }
      const rejected = rejection(req.headers, body, apiKey);
      if (rejected) {
        send(res, exchange, rejected.status, errorBody(rejected.status, rejected.message));
        return;
      }
      behave(res, exchange, body, scripted.shift() ?? respond(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    apiKey,
    exchanges,
    script: (...behaviours) => void scripted.push(...behaviours),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        server.close((error) => (error ? reject(error) : resolve()));
        // Delayed answers keep their connections open; close does not wait for them.
        server.closeAllConnections();
      }),
  };
}

/** A port nothing listens on: one the system just gave out and took back. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

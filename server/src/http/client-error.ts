/**
 * Requests Node's HTTP parser refuses before express sees them (a Content-Length that is not a
 * number or disagrees with itself, headers over the size limit, bytes that are not HTTP) are
 * answered as problem+json too, naming what is at fault, instead of a bare status line.
 */
import { STATUS_CODES, type Server } from "node:http";
import type { Duplex } from "node:stream";
import type { Problem } from "./problem.ts";

const FIELD_OF: Record<string, string> = {
  HPE_INVALID_CONTENT_LENGTH: "header.content-length",
  HPE_UNEXPECTED_CONTENT_LENGTH: "header.content-length",
  HPE_HEADER_OVERFLOW: "headers",
  HPE_INVALID_TRANSFER_ENCODING: "header.transfer-encoding",
  HPE_INVALID_HEADER_TOKEN: "headers",
};

export function answerClientErrors(server: Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A connection the client dropped has no one to answer.
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const status =
      error.code === "HPE_HEADER_OVERFLOW"
        ? 431
        : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? 408
          : 400;
    const problem: Problem = {
      type: "urn:offgridflow:problem:validation",
      title: STATUS_CODES[status] ?? "Bad request",
      status,
      detail: `the request is not valid HTTP: ${error.message}`,
      instance: "",
      errors: [{ field: FIELD_OF[error.code ?? ""] ?? "request", message: error.message }],
    };
    const body = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        "Content-Type: application/problem+json; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/**
 * Reads one file field (and small text fields) from a multipart upload as it streams in,
 * hashing on the way and stopping at the size limit instead of buffering an unbounded body.
 * Every stream involved (the request, the parser, the file part) has its error handled: an
 * unhandled stream error would end the whole process, not just this request.
 */
import { createHash } from "node:crypto";
import busboy from "busboy";
import type { Request } from "express";
import { AppError } from "../app-error.ts";

export interface Upload {
  filename: string;
  contentType: string;
  data: Uint8Array<ArrayBuffer>;
  sha256: string;
  fields: Record<string, string>;
}

const unreadable = (reason: string) =>
  new AppError("validation", `unreadable multipart body: ${reason}`, [
    { field: "body", message: reason },
  ]);

/** Longest filename kept; the name is shown and stored, never used as a path. */
const MAX_FILENAME = 255;

/**
 * The client's filename without control characters (a NUL cannot be stored as text in Postgres)
 * and cut to a sane length.
 */
function safeFilename(given: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const name = (given ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return name.slice(0, MAX_FILENAME) || "upload";
}

export function readUpload(
  req: Request,
  options: { field: string; maxBytes: number },
): Promise<Upload> {
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("multipart/form-data")) {
    return Promise.reject(
      new AppError("unsupported_media_type", "upload the file as multipart/form-data", [
        {
          field: "header.content-type",
          message: `expected multipart/form-data, got ${type || "nothing"}`,
        },
      ]),
    );
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let upload: Omit<Upload, "fields"> | undefined;
    let failure: AppError | undefined;
    let settled = false;
    // The first error wins; later events of the same broken body are ignored.
    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      req.unpipe();
      // Drain the rest of the body so the connection can answer.
      req.resume();
      reject(error);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: options.maxBytes, files: 1, fields: 20, fieldSize: 64 * 1024 },
      });
    } catch (error) {
      // A multipart type without a boundary, say.
      reject(
        new AppError("validation", "unreadable multipart header", [
          { field: "header.content-type", message: (error as Error).message },
        ]),
      );
      return;
    }
    parser.on("file", (name, stream, info) => {
      stream.on("error", (error: Error) => fail(unreadable(error.message)));
      if (name !== options.field) {
        failure ??= new AppError("validation", `unexpected file field "${name ?? ""}"`, [
          { field: name || "body", message: `send the ledger in the field "${options.field}"` },
        ]);
        stream.resume();
        return;
      }
      const hash = createHash("sha256");
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        hash.update(chunk);
        chunks.push(chunk);
      });
      stream.on("limit", () => {
        failure = new AppError(
          "payload_too_large",
          `the file is larger than ${Math.round(options.maxBytes / 2 ** 20)} MB`,
          [{ field: options.field, message: "too large" }],
        );
        chunks.length = 0;
      });
      stream.on("end", () => {
        upload = {
          filename: safeFilename(info.filename),
          contentType: info.mimeType,
          data: new Uint8Array(Buffer.concat(chunks)),
          sha256: hash.digest("hex"),
        };
      });
    });
    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("error", (error: Error) => fail(unreadable(error.message)));
    parser.on("close", () => {
      if (settled) return;
      if (failure) return fail(failure);
      if (!upload) {
        return fail(
          new AppError("validation", `no file in the field "${options.field}"`, [
            { field: options.field, message: "missing" },
          ]),
        );
      }
      settled = true;
      resolve({ ...upload, fields });
    });
    req.on("error", (error: Error) => fail(unreadable(error.message)));
    req.on("aborted", () => fail(unreadable("the client closed the connection")));
    req.pipe(parser);
  });
}

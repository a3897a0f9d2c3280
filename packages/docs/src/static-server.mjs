// A small static file server for the built docs. It serves files under one folder only,
// answers unknown extension-less paths with index.html (Redoc routes such as
// /section/authentication live in the page, so a reload must get the page back), and
// refuses anything that would resolve outside the folder.
import { createReadStream, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { COMPRESSIBLE, compress, pickEncoding, SUFFIX } from "./compression.mjs";

/** @type {Record<string, string>} */
export const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * The file to send for a path: itself, or a folder's index.html.
 * @param {string} path
 * @returns {string | undefined}
 */
function fileAt(path) {
  try {
    const stats = statSync(path);
    if (stats.isFile()) return path;
    if (stats.isDirectory()) return fileAt(join(path, "index.html"));
  } catch {
    // missing or unreadable: not servable
  }
  return undefined;
}

/**
 * Maps a request path to a file under root, or explains why it cannot.
 * @param {string} root absolute folder to serve
 * @param {string} rawUrl the request's URL as received
 * @returns {{ file: string } | { status: number, reason: string }}
 */
export function resolveRequestPath(root, rawUrl) {
  const base = resolve(root);
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(rawUrl, "http://localhost").pathname);
  } catch {
    return { status: 400, reason: "Malformed URL." };
  }
  if (pathname.includes("\0")) return { status: 400, reason: "Malformed URL." };
  const target = resolve(base, `.${pathname}`);
  if (target !== base && !target.startsWith(base + sep)) {
    return { status: 403, reason: "Outside the served folder." };
  }
  const file = fileAt(target);
  if (file) return { file };
  if (extname(pathname) === "") {
    const index = fileAt(join(base, "index.html"));
    if (index) return { file: index };
  }
  return { status: 404, reason: "Not found." };
}

/**
 * Serves the files under root on host:port (port 0 picks a free one).
 * @param {{ root: string, port?: number, host?: string }} options
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export function startStaticServer({ root, port = 4000, host = "127.0.0.1" }) {
  if (typeof root !== "string" || root === "") throw new TypeError("startStaticServer: `root` must be a folder path.");
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`startStaticServer: \`port\` must be an integer from 0 to 65535, got ${port}.`);
  }
  /** @type {Map<string, Buffer>} compressed bodies by file, modification time and encoding */
  const compressed = new Map();
  /** @param {string} file @param {"br" | "gzip"} encoding */
  const compressedBody = (file, encoding) => {
    const stats = statSync(file);
    const key = `${file}\0${stats.mtimeMs}\0${encoding}`;
    let body = compressed.get(key);
    if (!body) {
      const sibling = fileAt(file + SUFFIX[encoding]);
      body = sibling && statSync(sibling).mtimeMs >= stats.mtimeMs ? readFileSync(sibling) : compress(readFileSync(file), encoding);
      compressed.set(key, body);
    }
    return body;
  };
  const server = createServer((request, response) => {
    /** @type {(status: number, body: string, headers?: Record<string, string>) => void} */
    const send = (status, body, headers = {}) => {
      response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...headers });
      response.end(request.method === "HEAD" ? undefined : body);
    };
    if (request.method !== "GET" && request.method !== "HEAD") {
      send(405, "Method not allowed.\n", { Allow: "GET, HEAD" });
      return;
    }
    const resolved = resolveRequestPath(root, request.url ?? "/");
    if ("status" in resolved) {
      send(resolved.status, `${resolved.reason}\n`);
      return;
    }
    const extension = extname(resolved.file).toLowerCase();
    const type = CONTENT_TYPES[extension] ?? "application/octet-stream";
    /** @type {Record<string, string | number>} */
    const headers = { "Content-Type": type, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff" };
    if (COMPRESSIBLE.has(extension)) {
      // Caches must keep the encodings apart even when this request gets identity.
      headers.Vary = "Accept-Encoding";
      const encoding = pickEncoding(request.headers["accept-encoding"]);
      if (encoding) {
        const body = compressedBody(resolved.file, encoding);
        response.writeHead(200, { ...headers, "Content-Encoding": encoding, "Content-Length": body.length });
        response.end(request.method === "HEAD" ? undefined : body);
        return;
      }
    }
    response.writeHead(200, headers);
    if (request.method === "HEAD") {
      response.end();
      return;
    }
    const stream = createReadStream(resolved.file);
    stream.on("error", () => response.destroy());
    stream.pipe(response);
  });

  return new Promise((resolvePromise, reject) => {
    server.once("error", (error) => {
      if (error && /** @type {NodeJS.ErrnoException} */ (error).code === "EADDRINUSE") {
        reject(new Error(`Port ${port} on ${host} is already in use; stop what runs there or pick another port.`));
      } else reject(error);
    });
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      resolvePromise({
        url: `http://${host}:${actualPort}/`,
        port: actualPort,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

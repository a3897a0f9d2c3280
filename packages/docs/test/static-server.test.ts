import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { pickEncoding } from "../src/compression.mjs";
import { startStaticServer } from "../src/static-server.mjs";

/** A GET with the given Accept-Encoding, body kept as bytes (Node's http does not decode). */
function encodedGet(port: number, path: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { "Accept-Encoding": acceptEncoding };
    const req = request({ host: "127.0.0.1", port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

// Sends the path exactly as written (fetch would normalise `..` away before sending).
function rawGet(port: number, path: string, method = "GET") {
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const bigText = `export const lines = [\n${Array.from({ length: 400 }, (_, i) => `  "line ${i}",`).join("\n")}\n];\n`;

describe("static server", () => {
  let root: string;
  let server: Awaited<ReturnType<typeof startStaticServer>>;

  beforeAll(async () => {
    const base = mkdtempSync(join(tmpdir(), "leat-static-"));
    root = join(base, "site");
    mkdirSync(join(root, "sub"), { recursive: true });
    writeFileSync(join(root, "index.html"), "<h1>home</h1>");
    writeFileSync(join(root, "logo.svg"), "<svg/>");
    writeFileSync(join(root, "openapi.json"), "{}");
    writeFileSync(join(root, "sub", "index.html"), "<h1>sub</h1>");
    writeFileSync(join(root, "big.js"), bigText);
    writeFileSync(join(base, "secret.txt"), "outside the served folder");
    server = await startStaticServer({ root, port: 0 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(join(root, ".."), { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 and reports its URL", () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
  });

  it.each([
    ["/", 200, "text/html; charset=utf-8", "<h1>home</h1>"],
    ["/logo.svg", 200, "image/svg+xml", "<svg/>"],
    ["/openapi.json", 200, "application/json; charset=utf-8", "{}"],
    ["/sub/", 200, "text/html; charset=utf-8", "<h1>sub</h1>"],
    // Redoc's in-page routes come back as the page itself
    ["/section/authentication", 200, "text/html; charset=utf-8", "<h1>home</h1>"],
    ["/missing.js", 404, "text/plain; charset=utf-8", "Not found.\n"],
  ])("GET %s -> %i %s", async (path, status, type, body) => {
    const response = await rawGet(server.port, path);
    expect(response).toEqual({ status, type, body });
  });

  it.each(["/../secret.txt", "/..%2fsecret.txt", "/sub/..%2f..%2fsecret.txt", "/%2e%2e/secret.txt"])(
    "never serves a file outside its folder: %s",
    async (path) => {
      const response = await rawGet(server.port, path);
      expect(response.body).not.toContain("outside the served folder");
      expect([403, 404]).toContain(response.status);
    },
  );

  it("refuses an encoded path that climbs out with 403", async () => {
    expect((await rawGet(server.port, "/..%2f..%2fsecret.txt")).status).toBe(403);
  });

  it("rejects a malformed escape and a NUL byte with 400", async () => {
    expect((await rawGet(server.port, "/%E0%A4%A")).status).toBe(400);
    expect((await rawGet(server.port, "/index.html%00.png")).status).toBe(400);
  });

  it("answers only GET and HEAD", async () => {
    expect((await rawGet(server.port, "/", "POST")).status).toBe(405);
    const head = await rawGet(server.port, "/", "HEAD");
    expect(head).toEqual({ status: 200, type: "text/html; charset=utf-8", body: "" });
  });

  it.each([
    ["br, gzip", "br"],
    ["gzip, deflate", "gzip"],
    ["gzip;q=1, br;q=0.5", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["*", "br"],
  ])("sends text compressed for Accept-Encoding %j (%s), with Vary", async (accept, encoding) => {
    const response = await encodedGet(server.port, "/big.js", accept);
    expect(response.status).toBe(200);
    expect(response.headers["content-encoding"]).toBe(encoding);
    expect(response.headers.vary).toBe("Accept-Encoding");
    expect(Number(response.headers["content-length"])).toBe(response.body.length);
    const plain = encoding === "br" ? brotliDecompressSync(response.body) : gunzipSync(response.body);
    expect(plain.toString("utf8")).toBe(bigText);
    expect(response.body.length).toBeLessThan(bigText.length / 4);
  });

  it.each([undefined, "identity", "deflate", "gzip;q=0, br;q=0"])("sends text as is for Accept-Encoding %j", async (accept) => {
    const response = await encodedGet(server.port, "/big.js", accept);
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.headers.vary).toBe("Accept-Encoding");
    expect(response.body.toString("utf8")).toBe(bigText);
  });

  it("serves a precompressed copy written beside the file, and never compresses images", async () => {
    writeFileSync(join(root, "pre.json"), "{}");
    writeFileSync(join(root, "pre.json.gz"), gzipSync("{\"from\":\"the .gz copy\"}"));
    const response = await encodedGet(server.port, "/pre.json", "gzip");
    expect(gunzipSync(response.body).toString()).toBe('{"from":"the .gz copy"}');
    writeFileSync(join(root, "a.png"), Buffer.alloc(2048));
    const png = await encodedGet(server.port, "/a.png", "gzip, br");
    expect(png.headers["content-encoding"]).toBeUndefined();
    expect(png.headers.vary).toBeUndefined();
  });

  it("picks the encoding from q-values", () => {
    expect(pickEncoding(undefined)).toBeUndefined();
    expect(pickEncoding("gzip, br")).toBe("br");
    expect(pickEncoding("GZIP")).toBe("gzip");
    expect(pickEncoding("br;q=0.1, gzip;q=0.9")).toBe("gzip");
    expect(pickEncoding("*;q=0")).toBeUndefined();
  });

  it("explains a port that is taken", async () => {
    await expect(startStaticServer({ root, port: server.port })).rejects.toThrow(/already in use/);
  });

  it("names a bad port", () => {
    expect(() => startStaticServer({ root, port: 70000 })).toThrow(/`port` must be an integer/);
  });
});

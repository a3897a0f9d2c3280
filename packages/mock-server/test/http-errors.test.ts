import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { TOKEN, headerExample, specExample, startTestServer } from "./helpers.js";

describe("authentication", () => {
  const cases: [string, Record<string, string | null>][] = [
    ["no Authorization header", { authorization: null }],
    ["a Basic scheme", { authorization: "Basic dXNlcjpwYXNz" }],
    ["an empty bearer token", { authorization: "Bearer    " }],
  ];
  for (const [what, headers] of cases) {
    it(`answers 401 with the spec's example for ${what}`, async () => {
      const api = await startTestServer();
      const reply = await api.request("/units", { headers });
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual(specExample("Unauthenticated"));
      expect(reply.headers.get("www-authenticate")).toBe("Bearer");
    });
  }

  it("accepts any non-empty token by default, with the scheme in any case", async () => {
    const api = await startTestServer();
    expect((await api.request("/tiers", { headers: { authorization: "bearer anything-at-all" } })).status).toBe(200);
  });

  it("with apiKey, accepts only that token and never echoes a token", async () => {
    const api = await startTestServer({ apiKey: "s3cret-key" });
    const wrong = await api.request("/tiers", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain(TOKEN);
    expect(wrong.text).not.toContain("s3cret-key");
    expect((await api.request("/tiers", { headers: { authorization: "Bearer s3cret-key" } })).status).toBe(200);
  });

  it("checks the token before the body, as the API does", async () => {
    const api = await startTestServer();
    const reply = await api.request("/units", {
      method: "POST",
      headers: { authorization: null, "content-type": "application/json" },
      body: "{not json",
    });
    expect(reply.status).toBe(401);
  });
});

describe("routing", () => {
  it("answers an unknown path with 404 and a JSON error envelope", async () => {
    const api = await startTestServer();
    const reply = await api.request("/no-such-resource");
    expect(reply.status).toBe(404);
    expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
    expect(reply.body).toEqual({ message: "No operation at GET /no-such-resource.", status_code: 404 });
  });

  it("answers a wrong method with 405, an Allow header and a JSON body", async () => {
    const api = await startTestServer();
    for (const [method, path, allow] of [
      ["DELETE", "/units", "GET, HEAD, POST"],
      ["POST", "/tiers", "GET, HEAD"],
      ["PUT", `/contacts/${crypto.randomUUID()}/tier`, "GET, HEAD"],
      ["PATCH", "/api/v3/oauth/clients/units", "GET, HEAD, POST"],
    ] as const) {
      const reply = await api.request(path, { method, body: method === "POST" || method === "PATCH" ? "{}" : undefined });
      expect(reply.status, `${method} ${path}`).toBe(405);
      expect(reply.headers.get("allow")).toBe(allow);
      expect(reply.body.message).toContain(`${method} is not allowed`);
      expect(reply.body).not.toHaveProperty("code");
    }
  });

  it("still answers 404, not a body error, for a bad body sent to an unknown path", async () => {
    const api = await startTestServer();
    const reply = await api.request("/nowhere", { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(reply.status).toBe(404);
  });
});

describe("unreadable bodies on POST /units", () => {
  const cases: [string, Record<string, string>, string, RegExp][] = [
    ["malformed JSON", { "content-type": "application/json" }, '{"name": "x",', /not valid JSON/],
    ["a text/plain body", { "content-type": "text/plain" }, "name=x", /text\/plain is not accepted\. Send application\/json or application\/x-www-form-urlencoded or multipart\/form-data/],
    ["multipart without a boundary", { "content-type": "multipart/form-data" }, "name=x", /multipart body could not be read/],
    ["a malformed Content-Type", { "content-type": "application/" }, "{}", /Content-Type header is malformed/],
  ];
  for (const [what, headers, body, message] of cases) {
    it(`answers 400/1003 naming the body for ${what}`, async () => {
      const api = await startTestServer();
      const reply = await api.request("/units", { method: "POST", headers, body });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ message: "Invalid input.", code: 1003, status_code: 400 });
      expect(reply.body.errors.body[0]).toMatch(message);
    });
  }

  it("answers 400/1003 for a body over 1 MiB, and stays up", async () => {
    const api = await startTestServer();
    const huge = JSON.stringify({ name: "big", label: "x".repeat(1024 * 1024) });
    const reply = await api.request("/units", { method: "POST", headers: { "content-type": "application/json" }, body: huge });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.body).toEqual(["The body is larger than the 1 MiB the mock accepts."]);
    expect((await api.request("/units")).status).toBe(200);
  });

  it("answers a body without Content-Type with 400/1003", async () => {
    const api = await startTestServer();
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${api.url}/units`);
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-length": "13" } },
        (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode!, body: text }));
        },
      );
      req.on("error", reject);
      req.end('{"name":"x"} ');
    });
    expect(status).toBe(400);
    expect(JSON.parse(body).errors.body).toEqual([
      "The body has no Content-Type. Send application/json or application/x-www-form-urlencoded or multipart/form-data.",
    ]);
  });

  it("treats a POST without any body as missing fields", async () => {
    const api = await startTestServer();
    const reply = await api.request("/units", { method: "POST" });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body.errors).sort()).toEqual(["label", "name"]);
  });
});

describe("rate-limit headers", () => {
  it("are on every kind of response, with the spec's example values", async () => {
    const api = await startTestServer();
    const replies = await Promise.all([
      api.request("/tiers"),
      api.request("/units", { headers: { authorization: null } }),
      api.request("/nowhere"),
      api.request("/tiers", { method: "DELETE" }),
      api.postJson("/units", {}),
      api.request("/units", { headers: { prefer: "code=503" } }),
    ]);
    for (const reply of replies) {
      expect(reply.headers.get("x-ratelimit-limit")).toBe(headerExample("X-RateLimit-Limit"));
      expect(reply.headers.get("x-ratelimit-remaining")).toBe(headerExample("X-RateLimit-Remaining"));
    }
  });
});

describe("requests the HTTP parser rejects", () => {
  it("get a JSON 400 and the server keeps serving", async () => {
    const api = await startTestServer();
    const url = new URL(api.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write("NOT A REQUEST\r\n\r\n"));
      let text = "";
      socket.on("data", (c: Buffer) => (text += c.toString()));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw).toMatch(/\r\ncontent-type: application\/json\r\n/i);
    expect(raw).toMatch(new RegExp(`\r\nx-ratelimit-limit: ${headerExample("X-RateLimit-Limit")}\r\n`, "i"));
    const body = JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4));
    expect(body).toEqual({ message: "Bad Request: Parse Error: Invalid method encountered", status_code: 400 });
    expect((await api.request("/tiers")).status).toBe(200);
  });
});

describe("clients that go away", () => {
  it("a POST cut off in the middle of its body leaves the server serving", async () => {
    const api = await startTestServer();
    const url = new URL(api.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          `POST /units HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
    const list = await api.request("/units");
    expect(list.status).toBe(200);
    expect(list.body).toEqual(specExample("UnitList"));
  });
});

describe("logger", () => {
  it("writes one line per request to stderr, without the token", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const api = await startTestServer({ logger: true });
      await api.request("/tiers");
      await api.request("/nowhere");
      // The line is written when the response finishes, which can trail the client's read.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(lines.filter((l) => /^GET \/tiers 200 [\d.]+ms\n$/.test(l))).toHaveLength(1);
      expect(lines.filter((l) => /^GET \/nowhere 404 /.test(l))).toHaveLength(1);
      expect(lines.join("")).not.toContain(TOKEN);
    } finally {
      spy.mockRestore();
    }
  });
});

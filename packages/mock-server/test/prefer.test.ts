import { describe, expect, it } from "vitest";
import { parsePrefer } from "../src/prefer.js";
import { CREATED, loadSpec, startTestServer, type AnyJson } from "./helpers.js";

const spec = loadSpec();

function resolve(node: AnyJson): AnyJson {
  while (node && typeof node.$ref === "string") {
    node = node.$ref
      .slice(2)
      .split("/")
      .reduce((n: AnyJson, k: string) => n[k.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  }
  return node;
}

/** Every documented (operation, status, example) of the spec. */
function documentedScenarios() {
  const list: { method: string; path: string; status: string; name: string; value: AnyJson }[] = [];
  for (const [path, item] of Object.entries<AnyJson>(spec.paths)) {
    for (const method of ["get", "post"]) {
      if (!item[method]) continue;
      for (const [status, response] of Object.entries<AnyJson>(item[method].responses)) {
        const examples = resolve(response).content?.["application/json"]?.examples ?? {};
        for (const [name, example] of Object.entries<AnyJson>(examples)) {
          list.push({ method: method.toUpperCase(), path, status, name, value: resolve(example).value });
        }
      }
    }
  }
  return list;
}

const concrete = (path: string) => path.replace("{contact_uuid}", "4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1");

describe("Prefer header", () => {
  it("parses code and example, in any order and separator, ignoring other preferences", () => {
    expect(parsePrefer("code=429")).toEqual({ code: "429" });
    expect(parsePrefer('example="unitAlreadyExists", code=400')).toEqual({ code: "400", example: "unitAlreadyExists" });
    expect(parsePrefer("respond-async; wait=5")).toBeNull();
    expect(parsePrefer(undefined)).toBeNull();
  });

  const scenarios = documentedScenarios();
  it("finds scenarios in the spec to test", () => {
    expect(scenarios.length).toBeGreaterThan(20);
  });

  it("returns every documented status and named example of every operation", async () => {
    const api = await startTestServer();
    for (const s of scenarios) {
      const reply = await api.request(concrete(s.path), {
        method: s.method,
        headers: { prefer: `code=${s.status}, example=${s.name}` },
      });
      expect(reply.status, `${s.method} ${s.path} ${s.status} ${s.name}`).toBe(Number(s.status));
      expect(reply.body).toEqual(s.value);
    }
  });

  it("uses the status's first example when only code is given", async () => {
    const api = await startTestServer();
    const reply = await api.request("/units", { method: "POST", headers: { prefer: "code=400" } });
    const first = scenarios.find((s) => s.path === "/units" && s.method === "POST" && s.status === "400")!;
    expect(reply.body).toEqual(first.value);
  });

  it("finds the status of a named example when only example is given", async () => {
    const api = await startTestServer();
    const reply = await api.request("/units", { method: "POST", headers: { prefer: "example=unitAlreadyExists" } });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe(55045);
  });

  it("sends Retry-After with code=429 and a 503 for maintenance", async () => {
    const api = await startTestServer();
    const limited = await api.request("/tiers", { headers: { prefer: "code=429" } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("30");
    const maintenance = await api.request("/tiers", { headers: { prefer: "code=503" } });
    expect(maintenance.status).toBe(503);
    expect(maintenance.headers.get("retry-after")).toBeNull();
  });

  it("does not change state: a preferred success creates nothing", async () => {
    const api = await startTestServer();
    const before = await api.request("/units");
    await api.postJson("/units", { name: "ghost", label: "Ghost" }, { prefer: `code=${CREATED}` });
    const after = await api.request("/units");
    expect(after.body).toEqual(before.body);
  });

  it("answers 400 naming the documented choices for an undocumented status or example", async () => {
    const api = await startTestServer();
    const code = await api.request("/tiers", { headers: { prefer: "code=418" } });
    expect(code.status).toBe(400);
    expect(code.body.message).toBe("Prefer: code=418 is not a documented status of GET /tiers; documented: 200, 400, 401, 429, 503.");
    const example = await api.request("/tiers", { headers: { prefer: "code=400, example=unitAlreadyExists" } });
    expect(example.status).toBe(400);
    expect(example.body.message).toMatch(/example=unitAlreadyExists is not an example of GET \/tiers for status 400; known: accountInactive/);
  });

  it("still requires a token", async () => {
    const api = await startTestServer();
    const reply = await api.request("/tiers", { headers: { prefer: "code=200", authorization: null } });
    expect(reply.status).toBe(401);
  });
});

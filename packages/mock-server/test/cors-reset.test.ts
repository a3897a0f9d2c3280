import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { startMockServer } from "../src/index.js";
import { contractOperations } from "./contract/spec-walk.js";
import { TOKEN, loadSpec, startTestServer } from "./helpers.js";

const tier = { uuid: "0b7b3b1e-0000-4000-8000-000000000001", name: "Bronze", description: null, position: 1, media: null };
const unit = (name: string) => ({ name, label: name, prefix: "", is_default: false });
const exampleUnits = () => loadSpec().components.examples.UnitList.value.data;

describe("CORS, as Leat sends it", () => {
  it("allows any origin on answers of every kind", async () => {
    const api = await startTestServer();
    for (const reply of [
      await api.request("/tiers", { headers: { origin: "http://localhost:3000" } }),
      await api.request("/tiers", { headers: { authorization: null } }),
      await api.request("/nowhere"),
      await api.postJson("/units", { name: "" }),
    ]) {
      expect(reply.headers.get("access-control-allow-origin")).toBe("*");
    }
  });

  it("answers a preflight without a token, with the path's methods and the asked-for headers", async () => {
    const api = await startTestServer();
    const reply = await api.request("/api/v3/oauth/clients/units", {
      method: "OPTIONS",
      headers: { authorization: null, origin: "http://localhost:3000", "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type, prefer" },
    });
    expect(reply.status).toBe(204);
    expect(reply.text).toBe("");
    expect(reply.headers.get("access-control-allow-origin")).toBe("*");
    expect(reply.headers.get("access-control-allow-methods")).toBe("GET, HEAD, POST");
    expect(reply.headers.get("access-control-allow-headers")).toBe("authorization, content-type, prefer");
  });
});

describe("reset", () => {
  it("mock.reset() goes back to the state it started from; mock.reset(seed) to that seed", async () => {
    const mock = await startMockServer({ port: 0 });
    onTestFinished(() => mock.close());
    const post = (name: string) =>
      fetch(`${mock.url}/units`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ name, label: name }) });
    const names = async () => ((await (await fetch(`${mock.url}/units`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { data: { name: string }[] }).data.map((u) => u.name);
    expect((await post("visits")).status).toBe(200);
    expect(await names()).toContain("visits");
    await mock.reset();
    expect(await names()).toEqual(exampleUnits().map((u: { name: string }) => u.name));
    await mock.reset({ tiers: [tier], contacts: [], units: [unit("km")] });
    expect(await names()).toEqual(["km"]);
    expect(mock.snapshot().tiers).toEqual([tier]);
    await expect(mock.reset({ units: [unit("a"), unit("a")] })).rejects.toThrow("seed: units[1].name repeats a");
    expect(await names()).toEqual(["km"]);
  });

  it("POST /__mock/reset takes a seed as its JSON body, or none; GET /__mock/state shows the state", async () => {
    const api = await startTestServer({ seed: { units: [unit("start")] } });
    await api.postJson("/units", { name: "extra", label: "Extra" });
    const reset = await fetch(`${api.url}/__mock/reset`, { method: "POST" });
    expect(reset.status).toBe(200);
    expect((await api.request("/units")).body.data.map((u: { name: string }) => u.name)).toEqual(["start"]);

    const seeded = await fetch(`${api.url}/__mock/reset`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ units: [unit("seeded")] }) });
    expect(seeded.status).toBe(200);
    const state = (await (await fetch(`${api.url}/__mock/state`)).json()) as { units: { name: string; id: number }[] };
    expect(state.units.map((u) => [u.name, u.id])).toEqual([["seeded", 1]]);

    const bad = await fetch(`${api.url}/__mock/reset`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ units: [{ name: 1 }] }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^seed: units\[0\]/);
    const wrong = await fetch(`${api.url}/__mock/reset`);
    expect(wrong.status).toBe(405);
    // A JSON string is a seed, not a file name: the mock reads no file a request names.
    const named = await fetch(`${api.url}/__mock/reset`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify("/etc/passwd") });
    expect(named.status).toBe(400);
    expect((await api.request("/units")).body.data.map((u: { name: string }) => u.name)).toEqual(["seeded"]);
  });

  it("writes the reset state to the data file", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "leat-reset-")), "state.json");
    const mock = await startMockServer({ port: 0, dataFile: file });
    onTestFinished(() => mock.close());
    await mock.reset({ units: [unit("on-disk")] });
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, "utf8")).units.map((u: { name: string }) => u.name)).toEqual(["on-disk"]);
  });
});

describe("GET /__mock/examples", () => {
  it("lists every operation's statuses and example names, as the spec has them", async () => {
    const api = await startTestServer();
    const index = (await (await fetch(`${api.url}/__mock/examples`)).json()) as Record<string, { statuses: Record<string, string[]> }>;
    const operations = contractOperations(loadSpec());
    expect(Object.keys(index).sort()).toEqual(operations.map((o) => o.operationId).sort());
    for (const op of operations) {
      expect(index[op.operationId]!.statuses).toEqual(Object.fromEntries(op.responses.map((r) => [String(r.status), r.examples])));
    }
  });
});

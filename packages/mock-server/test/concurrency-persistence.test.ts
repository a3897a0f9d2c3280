import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StateWriter } from "../src/persist.js";
import { startMockServer } from "../src/index.js";
import { CREATED, MISMATCH_REPORT, TOKEN, parseSeed, startCli, startTestServer } from "./helpers.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "leat-mock-"));
const auth = { authorization: `Bearer ${TOKEN}` };

async function createUnits(url: string, names: string[]): Promise<Response[]> {
  return Promise.all(
    names.map((name) =>
      fetch(`${url}/units`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ name, label: name }),
      }),
    ),
  );
}

async function unitNames(url: string): Promise<string[]> {
  const response = await fetch(`${url}/units`, { headers: auth });
  const body = (await response.json()) as { data: { name: string }[] };
  return body.data.map((u) => u.name);
}

describe("concurrency", () => {
  for (const persisted of [false, true]) {
    it(`200 simultaneous creates of one name give 1 success and 199 x 55045${persisted ? " (with --data)" : ""}`, async () => {
      const api = await startTestServer(persisted ? { dataFile: join(tempDir(), "state.json") } : {});
      const replies = await createUnits(api.url, Array.from({ length: 200 }, () => "stampede"));
      const bodies = (await Promise.all(replies.map((r) => r.json()))) as { code?: number }[];
      const statuses = replies.map((r) => r.status);
      expect(statuses.filter((s) => s === CREATED)).toHaveLength(1);
      expect(statuses.filter((s) => s === 400)).toHaveLength(199);
      expect(bodies.filter((b) => b.code === 55045)).toHaveLength(199);
      expect((await unitNames(api.url)).filter((n) => n === "stampede")).toHaveLength(1);
    });
  }
});

describe("persistence with dataFile", () => {
  it("answers each create with the unit as created, even when a later default demotes it while saving", async () => {
    const api = await startTestServer({ dataFile: join(tempDir(), "state.json") });
    const names = ["first-default", "second-default", "third-default"];
    const replies = await Promise.all(
      names.map((name) =>
        fetch(`${api.url}/units`, {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ name, label: name, is_default: true }),
        }),
      ),
    );
    const bodies = (await Promise.all(replies.map((r) => r.json()))) as { data: { name: string; is_default: boolean } }[];
    expect(bodies.map((b) => [b.data.name, b.data.is_default])).toEqual(names.map((n) => [n, true]));
    const list = (await (await fetch(`${api.url}/units`, { headers: auth })).json()) as { data: { name: string; is_default: boolean }[] };
    expect(list.data.filter((u) => u.is_default).map((u) => u.name)).toHaveLength(1);
  });

  it("writes the initial state, then serves created units after a restart", async () => {
    const file = join(tempDir(), "state.json");
    const first = await startTestServer({ dataFile: file });
    expect(JSON.parse(readFileSync(file, "utf8")).units.map((u: { name: string }) => u.name)).toEqual(["purchase_amount", "test"]);
    const replies = await createUnits(first.url, ["visits", "steps"]);
    expect(replies.map((r) => r.status)).toEqual([CREATED, CREATED]);
    await first.close();

    const second = await startTestServer({ dataFile: file });
    try {
      expect(await unitNames(second.url)).toEqual(["purchase_amount", "test", "visits", "steps"]);
      const again = await createUnits(second.url, ["km"]);
      const created = (await again[0]!.json()) as { data: { id: number } };
      expect(created.data.id).toBe(5);
    } finally {
      await second.close();
    }
  });

  it("takes a create back when it cannot be saved, so a retry of the 503 succeeds", async () => {
    const dir = tempDir();
    const api = await startTestServer({ dataFile: join(dir, "state.json") });
    // Root ignores file permissions, so take the directory away instead to make the save fail.
    rmSync(dir, { recursive: true, force: true });
    const failed = await api.postJson("/units", { name: "lost", label: "Lost", is_default: true });
    expect(failed.status).toBe(503);
    const after = await api.request("/units");
    expect(after.body.data.map((u: { name: string }) => u.name)).toEqual(["purchase_amount", "test"]);
    expect(after.body.data.find((u: { is_default: boolean }) => u.is_default).name).toBe("test");

    mkdirSync(dir);
    const retried = await api.postJson("/units", { name: "lost", label: "Lost", is_default: true });
    expect(retried.status).toBe(CREATED);
    expect(JSON.parse(readFileSync(join(dir, "state.json"), "utf8")).units.map((u: { name: string }) => u.name)).toContain("lost");
  });

  it("prefers an existing data file over a seed", async () => {
    const dir = tempDir();
    const file = join(dir, "state.json");
    const seed = join(dir, "seed.json");
    writeFileSync(seed, JSON.stringify({ tiers: [], contacts: [], units: [{ name: "seeded", label: "S", prefix: "", is_default: true }] }));
    const first = await startTestServer({ dataFile: file, seed });
    await createUnits(first.url, ["added"]);
    await first.close();
    const second = await startTestServer({ dataFile: file, seed });
    try {
      expect(await unitNames(second.url)).toEqual(["seeded", "added"]);
    } finally {
      await second.close();
    }
  });

  it("refuses to start on a corrupt data file instead of overwriting it", async () => {
    const file = join(tempDir(), "state.json");
    writeFileSync(file, '{"units": [');
    await expect(startMockServer({ port: 0, dataFile: file })).rejects.toThrow(/^data file .*state\.json: not valid JSON/);
    expect(readFileSync(file, "utf8")).toBe('{"units": [');
  });

  it("coalesces concurrent saves and settles every caller after a write that includes its change", async () => {
    const file = join(tempDir(), "state.json");
    let version = 0;
    const writer = new StateWriter(file, () => JSON.stringify({ version }));
    const saves: Promise<void>[] = [];
    for (let i = 1; i <= 50; i++) {
      version = i;
      const seenAt = i;
      saves.push(writer.save().then(() => expect(JSON.parse(readFileSync(file, "utf8")).version).toBeGreaterThanOrEqual(seenAt)));
    }
    await Promise.all(saves);
    await writer.idle();
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ version: 50 });
    expect(readdirSync(join(file, "..")).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("survives SIGKILL in the middle of writes: the file parses and acknowledged units survive", async () => {
    const dir = tempDir();
    const file = join(dir, "state.json");
    const acknowledged: string[] = [];
    let counter = 0;

    for (let round = 0; round < 3; round++) {
      const cli = await startCli(["--port", "0", "--data", file]);
      let running = true;
      // Keep eight creates in flight until the process dies under them.
      const workers = Array.from({ length: 8 }, async () => {
        while (running) {
          const name = `unit_${round}_${counter++}`;
          try {
            const [reply] = await createUnits(cli.url, [name]);
            if (reply!.status === CREATED) acknowledged.push(name);
          } catch {
            return; // the connection died with the process
          }
        }
      });
      // Kill once this round has had five creates acknowledged, with writes still in flight.
      // Counting acknowledgements instead of sleeping keeps the test independent of load.
      const target = (round + 1) * 5;
      const deadline = Date.now() + 30_000;
      while (acknowledged.length < target && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      cli.child.kill("SIGKILL");
      running = false;
      await Promise.all(workers);
      await cli.exited;
      expect(cli.stderr()).not.toContain(MISMATCH_REPORT);

      const content: unknown = JSON.parse(readFileSync(file, "utf8"));
      expect(() => parseSeed(content)).not.toThrow();
    }

    expect(acknowledged.length).toBeGreaterThanOrEqual(15);
    const restarted = await startCli(["--port", "0", "--data", file]);
    try {
      const names = await unitNames(restarted.url);
      expect(names).toEqual(expect.arrayContaining(acknowledged));
      expect(new Set(names).size).toBe(names.length);
      expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    } finally {
      restarted.child.kill("SIGTERM");
      expect(await restarted.exited).toEqual({ code: 0, signal: null });
      expect(restarted.stderr()).not.toContain(MISMATCH_REPORT);
    }
  });
});

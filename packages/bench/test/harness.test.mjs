import { describe, expect, it } from "vitest";
import { median, nowMs, opsPerSecond, roundOrder } from "../src/measure.mjs";
import { parseOptions } from "../src/options.mjs";
import { failedRow, markdownTable } from "../src/report.mjs";
import { failureDetail } from "../src/rows/build-cache.mjs";
import { createUnitExample, tiersResponseText } from "../src/spec-example.mjs";

describe("median", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe("roundOrder", () => {
  it("puts a different variant first in consecutive rounds and visits each once", () => {
    const items = ["a", "b", "c"];
    const firsts = [0, 1, 2, 3].map((r) => roundOrder(items, r)[0]);
    expect(new Set(firsts).size).toBeGreaterThan(1);
    for (let r = 0; r < 4; r++) expect([...roundOrder(items, r)].sort()).toEqual(items);
  });
});

describe("opsPerSecond", () => {
  it("counts completed calls over the time spent", async () => {
    let calls = 0;
    // Busy-waits on the same clock opsPerSecond reads: timers may fire early, this cannot.
    const op = async () => {
      calls++;
      const until = nowMs() + 2;
      while (nowMs() < until);
    };
    const outerStart = nowMs();
    const rate = await opsPerSecond(op, 10);
    const outerMs = nowMs() - outerStart;
    expect(calls).toBeGreaterThanOrEqual(1);
    // Every call takes at least 2 ms, so no honest count can exceed 500 per second...
    expect(rate).toBeLessThanOrEqual(500);
    // ...and the rate is taken over no more time than really passed.
    expect(rate).toBeGreaterThanOrEqual((calls * 1000) / outerMs);
  });
});

describe("parseOptions", () => {
  it("uses tiny counts in quick mode and real ones otherwise", () => {
    const quick = parseOptions(["--quick"]);
    const full = parseOptions([]);
    expect(quick.sliceMs).toBeLessThan(full.sliceMs);
    expect(quick.mockSeconds).toBeLessThan(full.mockSeconds);
    expect(full.turboArgs).toEqual(["run", "build"]);
    expect(full.out).toMatch(/results\/latest\.json$/);
  });

  it("keeps table order whatever order --only lists rows in", () => {
    expect(parseOptions(["--only=build,size"]).only).toEqual(["size", "build"]);
  });

  it("names what was wrong with bad input", () => {
    expect(() => parseOptions(["--only=size,speed"])).toThrow(/unknown row "speed"/);
    expect(() => parseOptions(["--fast"])).toThrow(/unknown option --fast/);
    expect(() => parseOptions(["quick"])).toThrow(/unexpected argument "quick"/);
    expect(() => parseOptions(["--prism-bin"])).toThrow(/--prism-bin needs a value/);
  });
});

describe("markdownTable", () => {
  it("prints a row that could not be measured with its reason and no verdict", () => {
    const table = markdownTable([failedRow("mock", "Mock | throughput", "≥ 10x", new Error("Prism could not start: boom"))]);
    const [, , row] = table.split("\n");
    expect(row).toMatch(/^\| 4 \| Mock \\\| throughput \|/);
    expect(row).toContain("**not measured:** Prism could not start: boom");
    expect(row).toContain("| not judged |");
  });
});

describe("spec examples", () => {
  it("reads the GET /tiers body and the POST /units request from the bundled spec", () => {
    const tiers = JSON.parse(tiersResponseText());
    expect(Array.isArray(tiers.data)).toBe(true);
    expect(typeof createUnitExample().label).toBe("string");
  });
});

describe("failureDetail", () => {
  it("names turbo's reason from stderr, not the banner it printed on stdout", () => {
    const stdout = "\n   • turbo 2.11.11\n   • Packages in scope: @leat-openapi/bench\n   • Running typecheck in 1 package\n   • Remote caching disabled\n";
    const stderr = "\x1b[31m  x Unable to find package manager binary: cannot find binary path\x1b[0m\n  `-> cannot find binary path\n";
    expect(failureDetail(stdout, stderr)).toBe(
      "x Unable to find package manager binary: cannot find binary path | `-> cannot find binary path",
    );
  });

  it("falls back to stdout when stderr is empty", () => {
    expect(failureDetail("a\nb\nc\nd\n", "")).toBe("b | c | d");
  });
});

import { describe, expect, it } from "vitest";
import { timestamp } from "../src/timestamp.js";

describe("timestamp", () => {
  it("writes ISO 8601 in UTC with microseconds", () => {
    expect(timestamp(Date.UTC(2024, 0, 2, 3, 4, 5, 678))).toBe("2024-01-02T03:04:05.678000Z");
  });

  it("follows the clock from one millisecond to the next, and back", () => {
    const ms = Date.UTC(2025, 5, 30, 23, 59, 59, 999);
    expect(timestamp(ms)).toBe("2025-06-30T23:59:59.999000Z");
    expect(timestamp(ms)).toBe("2025-06-30T23:59:59.999000Z");
    expect(timestamp(ms + 1)).toBe("2025-07-01T00:00:00.000000Z");
    expect(timestamp(ms)).toBe("2025-06-30T23:59:59.999000Z");
  });

  it("defaults to now", () => {
    const before = Date.now();
    const stamped = Date.parse(timestamp());
    expect(stamped).toBeGreaterThanOrEqual(before);
    expect(stamped).toBeLessThanOrEqual(Date.now());
  });
});

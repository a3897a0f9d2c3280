// The command's options and its "no SDK given" error (no SDK needed).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseOptions, UsageError } from "../src/options.mjs";

function fakeCheckout() {
  const dir = mkdtempSync(join(tmpdir(), "fake-sdk-"));
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src/OAuthClientApiKey.php"), "<?php\n");
  return dir;
}

describe("parseOptions", () => {
  it("says how to give the SDK when none is given", () => {
    expect(() => parseOptions([], {})).toThrow(UsageError);
    expect(() => parseOptions([], {})).toThrow(/--sdk <dir>.*LEAT_PHP_SDK/);
  });

  it("takes --sdk <dir>, --sdk=<dir> or LEAT_PHP_SDK, and skips the -- pnpm passes on", () => {
    const dir = fakeCheckout();
    expect(parseOptions(["--", "--sdk", dir], {}).sdk).toBe(dir);
    expect(parseOptions([`--sdk=${dir}`], {}).sdk).toBe(dir);
    expect(parseOptions([], { LEAT_PHP_SDK: dir }).sdk).toBe(dir);
  });

  it("refuses a directory that is not the SDK, a missing value and unknown arguments", () => {
    const empty = mkdtempSync(join(tmpdir(), "not-sdk-"));
    expect(() => parseOptions(["--sdk", empty], {})).toThrow(/src\/OAuthClientApiKey.php is missing/);
    expect(() => parseOptions(["--sdk"], {})).toThrow(/--sdk needs a directory/);
    expect(() => parseOptions(["--verbose"], {})).toThrow(/unknown argument --verbose/);
  });
});

describe("the command", () => {
  it("exits 2 with the usage when no SDK is given", () => {
    const main = fileURLToPath(new URL("../src/main.mjs", import.meta.url));
    const env = { ...process.env };
    delete env.LEAT_PHP_SDK;
    const run = spawnSync(process.execPath, [main], { env, encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no PHP SDK given/);
    expect(run.stderr).toMatch(/git clone https:\/\/github.com\/Piggy-Loyalty\/piggy-php-sdk/);
  });
});

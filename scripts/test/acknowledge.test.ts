import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acknowledgement, majorChangesets } from "../lib/acknowledge.mjs";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ack-"));
  mkdirSync(join(dir, ".changeset"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const changeset = (file: string, frontMatter: string) =>
  writeFileSync(join(dir, ".changeset", file), `---\n${frontMatter}\n---\n\nSomething changed.\n`);

describe("majorChangesets", () => {
  it("finds a major bump of the spec or the client, quoted or not", () => {
    changeset("a.md", '"@leat-openapi/spec": major');
    changeset("b.md", "'@leat-openapi/client': major\n'@leat-openapi/mock-server': minor");
    expect(majorChangesets(join(dir, ".changeset"))).toEqual([
      { file: "a.md", packages: ["@leat-openapi/spec"] },
      { file: "b.md", packages: ["@leat-openapi/client"] },
    ]);
  });

  it("ignores minor bumps, other packages, the README and a missing folder", () => {
    changeset("minor.md", '"@leat-openapi/spec": minor');
    changeset("mock.md", '"@leat-openapi/mock-server": major');
    writeFileSync(join(dir, ".changeset", "README.md"), "---\n\"@leat-openapi/spec\": major\n---\n");
    expect(majorChangesets(join(dir, ".changeset"))).toEqual([]);
    expect(majorChangesets(join(dir, "nowhere"))).toEqual([]);
  });

  it("names a changeset whose front matter is not YAML", () => {
    changeset("broken.md", '"@leat-openapi/spec": [major');
    expect(() => majorChangesets(join(dir, ".changeset"))).toThrow(/broken\.md/);
  });
});

describe("acknowledgement", () => {
  const changesetDir = () => join(dir, ".changeset");

  it("is not given by default", () => {
    expect(acknowledgement({ flag: false, env: {}, changesetDir: changesetDir() })).toEqual({ acknowledged: false, reason: "" });
  });

  it("is given by the flag, by ALLOW_BREAKING or by a major changeset", () => {
    expect(acknowledgement({ flag: true, env: {}, changesetDir: changesetDir() }).acknowledged).toBe(true);
    expect(acknowledgement({ flag: false, env: { ALLOW_BREAKING: "1" }, changesetDir: changesetDir() }).acknowledged).toBe(true);
    expect(acknowledgement({ flag: false, env: { ALLOW_BREAKING: "0" }, changesetDir: changesetDir() }).acknowledged).toBe(false);
    changeset("big.md", '"@leat-openapi/spec": major');
    expect(acknowledgement({ flag: false, env: {}, changesetDir: changesetDir() })).toEqual({
      acknowledged: true,
      reason: "a major changeset: `.changeset/big.md` (@leat-openapi/spec)",
    });
  });
});

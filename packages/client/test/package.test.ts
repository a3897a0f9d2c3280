// What npm shows: the licence the manifest names, where the code lives, and README links that
// work on npmjs.com (which has no files beside the README to resolve relative links against).
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import packageJson from "../package.json" with { type: "json" };

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), "utf8");

describe("package metadata", () => {
  it("ships a LICENSE with the licence package.json names", () => {
    expect(packageJson.license).toBe("MIT");
    expect(existsSync(new URL("../LICENSE", import.meta.url))).toBe(true);
    expect(read("LICENSE")).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
    expect(packageJson.files).toContain("LICENSE");
  });

  it("names the repository, its folder, the homepage and where to report bugs", () => {
    const { repository, homepage, bugs } = packageJson as typeof packageJson & {
      repository?: { type: string; url: string; directory: string };
      homepage?: string;
      bugs?: { url: string };
    };
    expect(repository).toEqual({ type: "git", url: expect.stringMatching(/^git\+https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/), directory: "packages/client" });
    const base = repository!.url.replace(/^git\+/, "").replace(/\.git$/, "");
    expect(homepage).toBe(`${base}/tree/main/packages/client#readme`);
    expect(bugs).toEqual({ url: `${base}/issues` });
  });

  it("README links are absolute, and those into the repository point at files that exist", () => {
    const base = (packageJson as { repository?: { url: string } }).repository!.url.replace(/^git\+/, "").replace(/\.git$/, "");
    const links = [...read("README.md").matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(2);
    for (const link of links) {
      expect(link, "a relative link breaks on npm").toMatch(/^https?:\/\//);
      if (link.startsWith(`${base}/blob/main/packages/client/`)) {
        const file = link.slice(`${base}/blob/main/packages/client/`.length).split("#")[0]!;
        expect(existsSync(new URL(`../${file}`, import.meta.url)), link).toBe(true);
      }
    }
  });
});

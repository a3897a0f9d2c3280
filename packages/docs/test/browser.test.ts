// The built page in a real Chromium (Debian's, driven by playwright-core), served by our own
// static server on 127.0.0.1. Every request the page makes is recorded, and anything aimed
// elsewhere is aborted so a regression cannot reach the network even while it fails the test.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStaticServer } from "../src/static-server.mjs";
import { readSpec } from "@leat-openapi/spec-reader";
import { bundledSpecFile, distDir, listOperations, packageDir, testOutputDir } from "./helpers.js";
import { contrastRatio, parseColour } from "./contrast.js";
import { colourStats, decodePng } from "./png.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

const operations = listOperations();

interface Session {
  context: BrowserContext;
  page: Page;
  requests: string[];
  consoleErrors: string[];
}

let server: Awaited<ReturnType<typeof startStaticServer>>;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(distDir, "index.html"))) throw new Error("dist/index.html is missing: run the docs build first.");
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: run \`node scripts/ensure-chromium.mjs\` from the repository root.`);
  }
  mkdirSync(testOutputDir, { recursive: true });
  server = await startStaticServer({ root: distDir, port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openSession(
  viewport: { width: number; height: number },
  options: { hash?: string; colorScheme?: "light" | "dark" } = {},
): Promise<Session> {
  const context = await browser.newContext({ viewport, colorScheme: options.colorScheme ?? "light" });
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    return url.hostname === "127.0.0.1" ? route.continue() : route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.goto(server.url + (options.hash ?? ""), { waitUntil: "load" });
  // init.js marks the page ready once Redoc has rendered it.
  await page.locator("html[data-ready]").waitFor({ state: "attached", timeout: 110_000 });
  return { context, page, requests, consoleErrors };
}

/** Requests to anything but our own server (data: and blob: URLs stay inside the page). */
function outsideRequests(requests: string[]) {
  return requests.filter((url) => {
    if (url.startsWith("data:") || url.startsWith("blob:")) return false;
    const { protocol, host } = new URL(url);
    return !(protocol === "http:" && host === new URL(server.url).host);
  });
}

/** The lines of a sample that say what it does (the calls on the client), for matching on screen. */
const callLines = (source: string) =>
  source
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /\bleat\.\w+\.\w+\(/.test(line));

async function saveScreenshot(page: Page, name: string) {
  const file = join(testOutputDir, name);
  const png = await page.screenshot({ path: file });
  return { file, stats: colourStats(decodePng(png)) };
}

/** Each operation's menu link as the page shows it, filled by the menu test for the fresh-load tests. */
const menuHrefs = new Map<string, string>();

/** The menu entry of an operation: Redoc names it tag/<tag>/operation/<operationId>. */
const menuId = (operationId: string) => `operation/${operationId}`;

/** Where the element a hash names sits, relative to the top of the viewport (null: no such element). */
async function topOf(page: Page, id: string) {
  return page.evaluate((target) => {
    const element = document.getElementById(target);
    return element ? element.getBoundingClientRect().top : null;
  }, id);
}

/** A few operations spread over the spec, for the checks that cost a page load or a click each. */
function sample<T>(items: T[], count = 4): T[] {
  if (items.length <= count) return items;
  const picked = new Set<number>();
  for (let i = 0; i < count; i++) picked.add(Math.round((i * (items.length - 1)) / (count - 1)));
  return [...picked].map((index) => items[index]);
}

const axeSource = readFileSync(createRequire(join(packageDir, "package.json")).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's serious and critical violations within the given selectors. */
async function axeViolations(page: Page, include: string[]) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (selectors) => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run({ include: selectors.map((s: string) => [s]) }, { resultTypes: ["violations"] });
    return (result.violations as { id: string; impact: string; nodes: { target: string[]; failureSummary: string }[] }[])
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} (${n.failureSummary})`).join("; ")}`);
  }, include);
}

describe("docs page, desktop", () => {
  let session: Session;

  beforeAll(async () => {
    session = await openSession({ width: 1280, height: 900 });
  });
  afterAll(async () => {
    await session?.context.close();
  });

  it("loads with our title, no console error and no request outside 127.0.0.1", async () => {
    const { page, requests, consoleErrors } = session;
    expect(await page.title()).toBe("Leat loyalty API reference");
    await expect(page.locator(".menu-content img").first().getAttribute("alt")).resolves.toBe("Leat loyalty API");
    expect(requests.length).toBeGreaterThan(0);
    expect(outsideRequests(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("writes a screenshot that is not blank", async () => {
    const { file, stats } = await saveScreenshot(session.page, "docs-desktop.png");
    expect(existsSync(file)).toBe(true);
    // A blank or single-colour page has a handful of colours; text, logo and code give hundreds.
    expect(stats.distinct).toBeGreaterThan(64);
    expect(stats.dominantShare).toBeLessThan(0.95);
  });

  it("lists every operation in the menu with a link to its own anchor, and every in-page link has a target", async () => {
    const { page } = session;
    const found = await page.evaluate(() => {
      const entries = [...document.querySelectorAll<HTMLElement>(".menu-content li[data-item-id]")].map((item) => ({
        id: item.dataset.itemId ?? "",
        href: item.querySelector(":scope > label a.menu-link")?.getAttribute("href") ?? null,
        text: item.querySelector(":scope > label a.menu-link")?.textContent ?? "",
      }));
      const hashLinks = [...document.querySelectorAll("a[href]")]
        .map((a) => a.getAttribute("href") ?? "")
        .filter((href) => href.startsWith("#") && href.length > 1);
      const missing = [...new Set(hashLinks)].filter((href) => !document.getElementById(decodeURIComponent(href.slice(1))));
      const rootRelative = [...document.querySelectorAll("a[href^='/']")].map((a) => a.getAttribute("href"));
      // A link to a local server works only while one runs; the text names such addresses in code.
      const local = [...document.querySelectorAll("a[href*='127.0.0.1'], a[href*='localhost']")].map((a) => a.getAttribute("href"));
      return { entries, missing, rootRelative: [...rootRelative, ...local] };
    });
    for (const op of operations) {
      const entry = found.entries.filter((e) => e.id.endsWith(`/${menuId(op.operationId)}`));
      expect(entry, `${op.operationId} in the menu`).toHaveLength(1);
      expect(entry[0].href).toBe(`#${entry[0].id}`);
      expect(entry[0].text).toBe(op.summary);
      menuHrefs.set(op.operationId, entry[0].href ?? "");
    }
    for (const entry of found.entries) {
      // Groups (x-tagGroups) only fold their tags; everything else links to its own anchor.
      expect(entry.href, `menu entry ${entry.id}`).toBe(entry.id.startsWith("group/") ? null : `#${entry.id}`);
    }
    expect(found.missing).toEqual([]);
    // A link to /section/... works only inside a running app; a static host answers 404.
    expect(found.rootRelative).toEqual([]);
  });

  it.each(sample(operations).map((op) => [op.operationId, op] as const))(
    "opens %s from the menu, with its TypeScript sample",
    async (_id, op) => {
      const { page } = session;
      const entry = page.locator(`.menu-content li[data-item-id$="/${menuId(op.operationId)}"]`).first();
      if (!(await entry.isVisible())) {
        // Collapsed tag (or group): open the tag's entry first.
        const tag = page.locator('.menu-content li[data-item-id^="tag/"]:not([data-item-id*="/operation/"])').filter({ has: page.locator(`li[data-item-id$="/${menuId(op.operationId)}"]`) });
        await tag.locator(":scope > label").first().click();
      }
      await entry.locator("label").click();
      await expect.poll(() => page.evaluate(() => location.hash)).toContain(menuId(op.operationId));
      await expect.poll(async () => Math.abs((await topOf(page, menuId(op.operationId))) ?? 9999)).toBeLessThan(80);
      const section = page.locator(`[id="${menuId(op.operationId)}"]`);
      expect((await section.locator("h2").first().innerText()).trim()).toBe(op.summary);
      const typescript = op.codeSamples.find((s) => s.lang === "TypeScript");
      expect(typescript, `${op.operationId} has a TypeScript sample in the spec`).toBeDefined();
      await section.getByRole("tab", { name: "TypeScript" }).click();
      for (const line of callLines(typescript?.source ?? "")) {
        await section.getByText(line, { exact: false }).first().waitFor({ state: "visible", timeout: 10_000 });
      }
    },
  );

  it("fits every code sample in the sample panel at 1280 px, unwrapped and without sideways scrolling", async () => {
    const { page } = session;
    // One pass over the page: select each sample tab in turn and measure its code block.
    const overflowing = await page.evaluate(async () => {
      const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
      const wide: string[] = [];
      for (const tab of [...document.querySelectorAll<HTMLElement>("[role=tab]")]) {
        const label = tab.textContent ?? "";
        if (label !== "TypeScript" && label !== "cURL") continue;
        tab.click();
        await tick();
        const panel = document.getElementById(tab.getAttribute("aria-controls") ?? "");
        for (const pre of panel?.querySelectorAll("pre") ?? []) {
          // The page wraps an over-long line as a fallback; unwrapped, every line must fit.
          if (pre.scrollWidth > pre.clientWidth + 1) wide.push(`${tab.closest("[data-section-id]")?.getAttribute("data-section-id")} ${label}: scrolls sideways`);
          pre.style.whiteSpace = "pre";
          if (pre.scrollWidth > pre.clientWidth + 1) {
            const longest = (pre.textContent ?? "").split("\n").reduce((a, b) => (b.length > a.length ? b : a), "");
            wide.push(`${tab.closest("[data-section-id]")?.getAttribute("data-section-id")} ${label}: ${pre.scrollWidth} > ${pre.clientWidth} px, longest line ${longest.length} characters: ${longest.trim()}`);
          }
          pre.style.whiteSpace = "";
        }
      }
      return wide;
    });
    expect(overflowing).toEqual([]);
  });

  it("offers the cURL sample too", async () => {
    const { page } = session;
    const op = operations[operations.length - 1];
    const curl = op.codeSamples.find((s) => s.lang === "curl");
    expect(curl).toBeDefined();
    const section = page.locator(`[id="${menuId(op.operationId)}"]`);
    await section.getByRole("tab", { name: "cURL" }).click();
    const firstLine = (curl?.source ?? "").split("\n").find((line) => line.startsWith("curl ")) ?? "";
    expect(firstLine).not.toBe("");
    await section.getByText(firstLine.trim(), { exact: false }).first().waitFor({ state: "visible", timeout: 10_000 });
  });

  it("renders every error code in bold in the Errors section", async () => {
    const shown = await session.page.locator('[id="section/Errors"] strong').allInnerTexts();
    for (const code of readSpec(bundledSpecFile).errorCodes()) expect(shown).toContain(String(code.code));
  });

  it("shows each operation's Prefer names for the mock server", async () => {
    const { page } = session;
    for (const op of sample(operations)) {
      const text = await page.locator(`[id="${menuId(op.operationId)}"]`).innerText();
      expect(text).toContain("Try it on the mock.");
      expect(text).toContain("Prefer: code=<status>");
    }
  });

  it('finds the unit operations when searching for "unit", and a result lands on what it names', async () => {
    const { page } = session;
    const input = page.getByRole("textbox", { name: "Search" });
    await input.fill("");
    await input.pressSequentially("unit");
    const results = page.locator('[data-role="search:results"] li[data-item-id]');
    await results.first().waitFor({ timeout: 10_000 });
    const text = (await results.allInnerTexts()).join("\n");
    const expected = operations.filter((op) => /unit/i.test(op.summary));
    expect(expected.length).toBeGreaterThan(0);
    for (const op of expected) expect(text).toContain(op.summary);
    await saveScreenshot(page, "docs-search.png");
    const target = expected[expected.length - 1];
    await results.filter({ hasText: target.summary }).first().locator("label").click();
    await expect.poll(async () => Math.abs((await topOf(page, menuId(target.operationId))) ?? 9999)).toBeLessThan(80);
  });

  it.each([
    ["an intro section's title", "Getting started", "section/Getting-started"],
    ["an error code", String(readSpec(bundledSpecFile).errorCodes()[0]?.code), "section/Errors"],
  ])("search for %s (%s) offers its section and lands on it", async (_what, query, id) => {
    const { page } = session;
    const input = page.getByRole("textbox", { name: "Search" });
    await input.fill("");
    await input.pressSequentially(query);
    const result = page.locator(`[data-role="search:results"] li[data-item-id="${id}"]`);
    await result.waitFor({ timeout: 10_000 });
    await result.locator("label").click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#${id}`);
    await expect.poll(async () => Math.abs((await topOf(page, id)) ?? 9999)).toBeLessThan(80);
  });

  it("made no console error and no outside request during all of the above", () => {
    expect(outsideRequests(session.requests)).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
  });
});

describe("links opened fresh, as in a new tab", () => {
  // Each case is a full page load (several seconds at full size), so three operations spread
  // over the spec and one intro section; every link's target is checked from the DOM above.
  const targets = [
    ...sample(operations, 3).map((op) => ({ name: op.operationId, id: menuId(op.operationId) })),
    { name: "#section/Errors", id: "section/Errors" },
  ];
  it.each(targets.map((t) => [t.name, t] as const))("%s's menu link lands on its section", async (name, target) => {
    const hash = name.startsWith("#") ? name : menuHrefs.get(name);
    expect(hash, "read from the menu by the desktop tests").toMatch(/^#/);
    const session = await openSession({ width: 1280, height: 900 }, { hash });
    try {
      await expect.poll(async () => Math.abs((await topOf(session.page, target.id)) ?? 9999), { timeout: 30_000 }).toBeLessThan(80);
      expect(session.consoleErrors).toEqual([]);
    } finally {
      await session.context.close();
    }
  });
});

describe.each(["light", "dark"] as const)("%s theme", (colorScheme) => {
  let session: Session;
  const op = operations.find((o) => o.method !== "get") ?? operations[0];

  beforeAll(async () => {
    session = await openSession({ width: 1280, height: 900 }, { colorScheme });
  });
  afterAll(async () => {
    await session?.context.close();
  });

  it("follows the system theme", async () => {
    await expect(session.page.locator("html").getAttribute("data-theme")).resolves.toBe(colorScheme);
  });

  it("draws the logo text and the Redoc badge with 4.5:1 contrast on the menu", async () => {
    const { page } = session;
    const facts = await page.evaluate(() => {
      const menu = document.querySelector(".menu-content") as HTMLElement;
      const images = [...menu.querySelectorAll("img")].map((img) => img.getAttribute("src") ?? "");
      return { background: getComputedStyle(menu).backgroundColor, images };
    });
    const svgs = facts.images.filter((src) => src.startsWith("data:image/svg+xml;base64,")).map((src) => Buffer.from(src.split(",")[1], "base64").toString("utf8"));
    expect(svgs.length, "logo and Redoc badge, inline").toBe(2);
    const menuBackground = parseColour(facts.background);
    for (const svg of svgs) {
      const texts = [...svg.matchAll(/<text[^>]*fill="(#[0-9a-f]{6})"/gi)].map((m) => parseColour(m[1]));
      expect(texts.length).toBeGreaterThan(0);
      // Text sits on the SVG's own rectangle when it has one (the badge), else on the menu.
      const rect = svg.match(/<rect[^>]*fill="(#[0-9a-f]{6})"[^>]*\/>\s*<text/i);
      const background = rect ? parseColour(rect[1]) : menuBackground;
      for (const text of texts) expect(contrastRatio(text, background)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("has no serious or critical axe-core violation on the intro and the menu", async () => {
    await session.page.evaluate(() => window.scrollTo(0, 0));
    expect(await axeViolations(session.page, [".menu-content", ".api-content > div:first-child", "#theme-toggle"])).toEqual([]);
  });

  it(`has no serious or critical axe-core violation on an operation (${op.operationId})`, async () => {
    const { page } = session;
    await page.evaluate((id) => document.getElementById(id)?.scrollIntoView(), menuId(op.operationId));
    expect(await axeViolations(page, [`[id="${menuId(op.operationId)}"]`])).toEqual([]);
    await saveScreenshot(page, `docs-${colorScheme}-operation.png`);
  });

  it("switches theme with its button and keeps the choice", async () => {
    const { page } = session;
    const other = colorScheme === "light" ? "dark" : "light";
    await page.locator("#theme-toggle").click();
    await page.locator(`html[data-theme="${other}"][data-ready]`).waitFor({ state: "attached", timeout: 110_000 });
    expect(await page.locator("#theme-toggle").getAttribute("aria-pressed")).toBe(other === "dark" ? "true" : "false");
  });
});

describe("docs page, phone width", () => {
  let session: Session;

  beforeAll(async () => {
    session = await openSession({ width: 390, height: 844 });
  });
  afterAll(async () => {
    await session?.context.close();
  });

  it("fits the screen without sideways scrolling and offers the navigation menu", async () => {
    const { page } = session;
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.viewport);
    const heading = await page.locator("h1").first().boundingBox();
    expect(heading?.width ?? 0).toBeGreaterThan(0);
    expect((heading?.x ?? -1) + (heading?.width ?? 0)).toBeLessThanOrEqual(390);
    // Redoc's floating menu button opens the menu at phone width.
    const fab = page.locator(".api-content ~ div, .redoc-wrap > div").filter({ has: page.locator("svg") }).last();
    await expect(fab.isVisible()).resolves.toBe(true);
  });

  it("writes a phone screenshot that is not blank, with no console error or outside request", async () => {
    const { file, stats } = await saveScreenshot(session.page, "docs-phone.png");
    expect(existsSync(file)).toBe(true);
    expect(stats.distinct).toBeGreaterThan(64);
    expect(stats.dominantShare).toBeLessThan(0.95);
    expect(outsideRequests(session.requests)).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
  });
});

describe("screenshot check", () => {
  it("calls a blank picture blank", async () => {
    const context = await browser.newContext({ viewport: { width: 200, height: 100 } });
    const page = await context.newPage();
    await page.setContent("<body style='margin:0;background:#fff'></body>");
    const stats = colourStats(decodePng(await page.screenshot()));
    await context.close();
    expect(stats.distinct).toBeLessThanOrEqual(2);
    expect(stats.dominantShare).toBeGreaterThan(0.95);
  });
});

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Keep an index of what the run wrote, so a reader of test-output/ knows what each file is.
afterAll(() => {
  if (!existsSync(testOutputDir)) return;
  const readme = join(testOutputDir, "README.txt");
  const text = "Screenshots written by packages/docs/test/browser.test.ts (desktop, search, an operation in each theme, phone width).\n";
  if (!existsSync(readme) || readFileSync(readme, "utf8") !== text) writeFileSync(readme, text);
});

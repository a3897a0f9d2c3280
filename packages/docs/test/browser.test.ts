// The built page in a real Chromium (Debian's, driven by playwright-core), served by our own
// static server on 127.0.0.1. Every request the page makes is recorded, and anything aimed
// elsewhere is aborted so a regression cannot reach the network even while it fails the test.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStaticServer } from "../src/static-server.mjs";
import { distDir, listOperations, testOutputDir } from "./helpers.js";
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

async function openSession(viewport: { width: number; height: number }): Promise<Session> {
  const context = await browser.newContext({ viewport });
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
  await page.goto(server.url, { waitUntil: "networkidle" });
  await page.locator("h1").first().waitFor();
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

describe("docs page, desktop", () => {
  let session: Session;

  beforeAll(async () => {
    session = await openSession({ width: 1440, height: 900 });
  });
  afterAll(async () => {
    await session?.context.close();
  });

  it("loads with our title, no console error and no request outside 127.0.0.1", async () => {
    const { page, requests, consoleErrors } = session;
    expect(await page.title()).toBe("Leat loyalty API reference");
    await expect(page.locator('[data-testid="logo"] img').getAttribute("alt")).resolves.toBe("Leat loyalty API");
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

  it.each(operations.map((op) => [op.operationId, op] as const))(
    "shows %s with its summary and its TypeScript sample",
    async (_id, op) => {
      const { page } = session;
      expect(op.tags.length, `${op.operationId} needs a tag to be listed`).toBeGreaterThan(0);
      const menu = page.locator('[data-component-name="Menu/MenuItem"]');
      const entry = menu.locator("a").filter({ hasText: op.summary }).first();
      // Clicking a tag toggles it, so only open it when its operations are not listed yet.
      if (!(await entry.isVisible())) {
        await menu.filter({ hasText: new RegExp(`^${escapeRegExp(op.tags[0])}`) }).first().locator("a").first().click();
        await entry.waitFor({ state: "visible" });
      }
      await entry.click();

      const section = page.locator("[data-section-id]").filter({
        has: page.locator("h2", { hasText: new RegExp(`^${escapeRegExp(op.summary)}$`) }),
      });
      await section.first().locator("h2").first().waitFor({ state: "visible", timeout: 10_000 });

      const typescript = op.codeSamples.find((sample) => sample.lang === "TypeScript");
      expect(typescript, `${op.operationId} has a TypeScript sample in the spec`).toBeDefined();
      const lines = callLines(typescript?.source ?? "");
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        await page.getByText(line, { exact: false }).first().waitFor({ state: "visible", timeout: 10_000 });
      }
    },
  );

  it("offers the cURL sample too", async () => {
    const { page } = session;
    const op = operations[operations.length - 1];
    const curl = op.codeSamples.find((sample) => sample.lang === "curl");
    expect(curl).toBeDefined();
    await page.getByRole("button", { name: "TypeScript" }).first().click();
    await page.getByText("cURL", { exact: true }).first().click();
    const firstLine = (curl?.source ?? "").split("\n").find((line) => line.startsWith("curl ")) ?? "";
    expect(firstLine).not.toBe("");
    await page.getByText(firstLine.trim(), { exact: false }).first().waitFor({ state: "visible", timeout: 10_000 });
  });

  it('finds the unit operations when searching for "unit"', async () => {
    const { page } = session;
    await page.locator('[data-testid="search-trigger"]').click();
    const input = page.getByPlaceholder("Search docs...");
    await input.waitFor({ state: "visible" });
    // Typed key by key, as a reader would: the dialog searches on input events.
    await input.pressSequentially("unit");
    const items = page.locator('[data-testid="search-dialog"] [data-component-name="Search/SearchItem"]');
    await items.first().waitFor({ timeout: 10_000 });
    const text = (await items.allTextContents()).join("\n");
    const expected = operations.filter((op) => /unit/i.test(op.summary));
    expect(expected.length).toBeGreaterThan(0);
    for (const op of expected) expect(text).toContain(op.summary);
    await saveScreenshot(page, "docs-search.png");
    await page.keyboard.press("Escape");
  });

  it("made no console error and no outside request during all of the above", () => {
    expect(outsideRequests(session.requests)).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
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
    await expect(page.locator('[data-testid="floating-button"]').isVisible()).resolves.toBe(true);
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
  const text = "Screenshots written by packages/docs/test/browser.test.ts (desktop, search dialog, phone width).\n";
  if (!existsSync(readme) || readFileSync(readme, "utf8") !== text) writeFileSync(readme, text);
});

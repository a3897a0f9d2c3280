// Row 6: the docs page against a classic Redoc page of the same spec (redoc's standalone bundle
// from the npm package and a <redoc spec-url> tag, as Redoc's README shows), both served by the
// docs' own static server on 127.0.0.1 and loaded in headless Chromium in the same run.
// Weight: what the page loads, each file gzip -9 (the server's gzip). Time to interactive: the
// menu is on screen and the main thread has then been free of long tasks for a second.
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { packageDir, requireFromBench, specJsonPath } from "../paths.mjs";
import { kB } from "./size.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];
// A mid-range phone on a slow 4G link, as Lighthouse's mobile profile: 4x CPU slowdown,
// 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
const PHONE = { cpu: 4, latency: 150, download: (1.6 * 1024 * 1024) / 8, upload: (750 * 1024) / 8 };
const QUIET_MS = 1000;

const CLASSIC_HTML = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><title>Leat loyalty API reference (classic Redoc)</title>
<meta name="viewport" content="width=device-width, initial-scale=1" /></head>
<body><redoc spec-url="openapi.json"></redoc><script src="redoc.standalone.js"></script></body>
</html>
`;

/** @param {string} dir */
async function classicSite(dir) {
  await writeFile(join(dir, "index.html"), CLASSIC_HTML);
  await copyFile(requireFromBench.resolve("redoc/bundles/redoc.standalone.js"), join(dir, "redoc.standalone.js"));
  await copyFile(specJsonPath(), join(dir, "openapi.json"));
}

/**
 * One load of a page: the files it fetched from its server and its time to interactive.
 * @param {import("playwright-core").Browser} browser
 * @param {string} url
 * @param {boolean} throttle
 */
async function loadOnce(browser, url, throttle) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  /** @type {Set<string>} */
  const fetched = new Set();
  await context.route("**/*", (route) => {
    const target = new URL(route.request().url());
    if (target.origin !== new URL(url).origin) return route.abort("blockedbyclient");
    fetched.add(target.pathname);
    return route.continue();
  });
  const page = await context.newPage();
  if (throttle) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: PHONE.latency,
      downloadThroughput: PHONE.download,
      uploadThroughput: PHONE.upload,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: PHONE.cpu });
  }
  await page.addInitScript(() => {
    // @ts-expect-error a field of our own on window
    window.__longTaskEnd = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        // @ts-expect-error see above
        window.__longTaskEnd = Math.max(window.__longTaskEnd, entry.startTime + entry.duration);
      }
    }).observe({ type: "longtask", buffered: true });
  });
  await page.goto(url, { waitUntil: "load", timeout: 180_000 });
  // Redoc's menu: both pages render it once the spec is parsed and the page is drawn.
  await page.locator(".menu-content li[data-item-id]").first().waitFor({ state: "attached", timeout: 180_000 });
  const menuAt = await page.evaluate(() => performance.now());
  const tti = await page.evaluate(
    ({ menu, quiet }) =>
      new Promise((resolve) => {
        const check = () => {
          // @ts-expect-error see above
          const last = Math.max(menu, window.__longTaskEnd);
          if (performance.now() - last >= quiet) resolve(last);
          else setTimeout(check, 100);
        };
        check();
      }),
    { menu: menuAt, quiet: QUIET_MS },
  );
  await context.close();
  return { fetched: [...fetched], tti: /** @type {number} */ (tti) };
}

/** @param {string} root @param {string[]} paths */
async function gzippedWeight(root, paths) {
  let total = 0;
  for (const path of paths) {
    const file = join(root, path === "/" ? "index.html" : decodeURIComponent(path.slice(1)));
    if (existsSync(file)) total += gzipSync(await readFile(file), { level: 9 }).length;
  }
  return total;
}

const median = (/** @type {number[]} */ values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * @param {import("../options.mjs").Options} options
 * @returns {Promise<import("../report.mjs").RowResult>}
 */
export async function docsRow(options) {
  const base = {
    id: /** @type {const} */ ("docs"),
    title: "Docs page vs classic Redoc (same spec)",
    baseline: "classic Redoc page",
    target: "≤ 1.0x gzipped weight and ≤ 1.0x time to interactive",
    runs: `median of ${options.docsRounds} alternating loads each${options.docsThrottle ? ", phone profile (4x CPU, 150 ms, 1.6 Mbit/s)" : ", unthrottled"}`,
  };
  const docsDir = join(packageDir("@leat-openapi/docs"), "dist");
  if (!existsSync(join(docsDir, "index.html"))) {
    return { ...base, ratio: null, ratioText: "n/a", figures: {}, figuresText: "", met: null, problems: ["packages/docs/dist is missing (build it: npx --yes pnpm@10.34.9 --filter @leat-openapi/docs... run build)"] };
  }
  if (!existsSync(CHROMIUM)) {
    return { ...base, ratio: null, ratioText: "n/a", figures: {}, figuresText: "", met: null, problems: [`no Chromium at ${CHROMIUM} (node scripts/ensure-chromium.mjs)`] };
  }
  const { startStaticServer } = await import(pathToFileURL(join(packageDir("@leat-openapi/docs"), "src", "static-server.mjs")).href);
  const { chromium } = await import("playwright-core");
  const classicDir = await mkdtemp(join(tmpdir(), "leat-bench-redoc-"));
  const servers = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    await classicSite(classicDir);
    const ours = await startStaticServer({ root: docsDir, port: 0 });
    servers.push(ours);
    const classic = await startStaticServer({ root: classicDir, port: 0 });
    servers.push(classic);
    const pages = { ours: { url: ours.url, root: docsDir }, classic: { url: classic.url, root: classicDir } };
    /** @type {Record<"ours" | "classic", { tti: number[], fetched: string[] }>} */
    const seen = { ours: { tti: [], fetched: [] }, classic: { tti: [], fetched: [] } };
    // One untimed load each, so the server's first compression is not part of the figures.
    for (const which of /** @type {const} */ (["ours", "classic"])) await loadOnce(browser, pages[which].url, false);
    for (let round = 0; round < options.docsRounds; round++) {
      /** @type {("ours" | "classic")[]} */
      const order = round % 2 ? ["classic", "ours"] : ["ours", "classic"];
      for (const which of order) {
        process.stderr.write(`  docs: ${which} load ${round + 1}/${options.docsRounds}\n`);
        const { tti, fetched } = await loadOnce(browser, pages[which].url, options.docsThrottle);
        seen[which].tti.push(tti);
        seen[which].fetched = fetched;
      }
    }
    const figures = {
      ours: { gzipBytes: await gzippedWeight(docsDir, seen.ours.fetched), ttiMsMedian: median(seen.ours.tti), ttiMs: seen.ours.tti },
      classic: { gzipBytes: await gzippedWeight(classicDir, seen.classic.fetched), ttiMsMedian: median(seen.classic.tti), ttiMs: seen.classic.tti },
    };
    const weight = figures.ours.gzipBytes / figures.classic.gzipBytes;
    const tti = figures.ours.ttiMsMedian / figures.classic.ttiMsMedian;
    const ms = (/** @type {number} */ value) => `${(value / 1000).toFixed(2)} s`;
    return {
      ...base,
      ratio: Math.max(weight, tti),
      ratioText: `weight ${weight.toFixed(2)}x · time to interactive ${tti.toFixed(2)}x`,
      figures,
      figuresText: `ours ${kB(figures.ours.gzipBytes)} gz, interactive in ${ms(figures.ours.ttiMsMedian)} · classic Redoc ${kB(figures.classic.gzipBytes)} gz, interactive in ${ms(figures.classic.ttiMsMedian)}`,
      met: weight <= 1 && tti <= 1,
      problems: [],
    };
  } finally {
    await browser.close();
    await Promise.allSettled(servers.map((server) => server.close()));
    await rm(classicDir, { recursive: true, force: true });
  }
}

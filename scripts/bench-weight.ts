// Page weight for `npm run bench`: what Chromium downloads for a page on a first visit
// (empty cache), read from the DevTools protocol, by resource type, decoded and on the wire.
import { chromium, type Browser } from "playwright-core";
import { addResource, emptyWeight, type PageWeight } from "./bench-lib";
import type { Jar } from "./bench-server";
import { CHROMIUM, CHROMIUM_ARGS, requireChromium } from "../tests/support/chromium";

export async function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Loads one page in a fresh browser context (no cache; the draft's cookies when given), with
 * JavaScript on, and adds up every response Chromium received for it until the network is idle.
 * raw = decoded body bytes (Network.dataReceived); wire = bytes received, compressed body and headers
 * (Network.loadingFinished.encodedDataLength). With `gzip`, Chromium asks for gzip only (the budget is
 * stated in gzip); otherwise it asks as usual (gzip, deflate, br, zstd) and this server picks brotli.
 */
export async function weighPage(
  browser: Browser,
  base: string,
  name: string,
  path: string,
  jar?: Jar,
  { gzip = true } = {},
): Promise<PageWeight> {
  const context = await browser.newContext({ locale: "es-MX", javaScriptEnabled: true });
  try {
    if (jar) await context.addCookies([...jar.cookies].map(([cookie, value]) => ({ name: cookie, value, url: base })));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    if (gzip) await cdp.send("Network.setExtraHTTPHeaders", { headers: { "Accept-Encoding": "gzip, deflate" } });
    const problems: string[] = [];
    const types = new Map<string, string>();
    const decoded = new Map<string, number>();
    const weight = emptyWeight(name, path);
    const encodings = new Set<string>();
    let documentStatus = 0;
    cdp.on("Network.responseReceived", (e) => {
      types.set(e.requestId, e.type);
      if (e.type === "Document") documentStatus = e.response.status;
      if (e.response.status >= 400) problems.push(`${e.response.status} ${e.response.url}`);
      const encoding = Object.entries(e.response.headers).find(([h]) => h.toLowerCase() === "content-encoding")?.[1];
      if (encoding) encodings.add(String(encoding));
    });
    cdp.on("Network.loadingFailed", (e) => problems.push(`${e.errorText} (${types.get(e.requestId) ?? e.type})`));
    cdp.on("Network.dataReceived", (e) => decoded.set(e.requestId, (decoded.get(e.requestId) ?? 0) + e.dataLength));
    cdp.on("Network.loadingFinished", (e) => {
      addResource(weight, types.get(e.requestId) ?? "Other", { raw: decoded.get(e.requestId) ?? 0, wire: e.encodedDataLength });
    });
    const response = await page.goto(base + path, { waitUntil: "networkidle" });
    if (!response || response.status() !== 200 || !response.url().endsWith(path)) {
      throw new Error(`${path}: got ${response?.status()} at ${response?.url()} instead of the page`);
    }
    if (documentStatus !== 200) throw new Error(`${path}: document status ${documentStatus}`);
    if (problems.length) throw new Error(`${path}: ${problems.join("; ")}`);
    if (path !== "/bench/baseline?page" && weight.byKind.css.raw === 0) throw new Error(`${path}: no stylesheet was loaded`);
    weight.encodings = [...encodings].sort();
    return weight;
  } finally {
    await context.close();
  }
}

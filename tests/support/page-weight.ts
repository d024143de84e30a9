import type { BrowserContext, Page } from "playwright-core";

export interface PageWeight {
  url: string;
  /** Bytes on the wire (compressed, with headers), by resource type. */
  transferred: Record<string, number>;
  total: number;
}

/**
 * Loads a page in a fresh page of the context and adds up what Chromium received for it,
 * read from the DevTools protocol: the bytes a respondent's phone would download.
 */
export async function measurePage(context: BrowserContext, url: string): Promise<PageWeight> {
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const types = new Map<string, string>();
  const transferred: Record<string, number> = {};
  cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
  cdp.on("Network.loadingFinished", (e) => {
    const type = types.get(e.requestId) ?? "Other";
    transferred[type] = (transferred[type] ?? 0) + e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.close();
  return { url, transferred, total: Object.values(transferred).reduce((a, b) => a + b, 0) };
}

// The xliff package ships no types; these cover the two functions the XLIFF round trip uses.
declare module "xliff/jsToXliff12" {
  export default function jsToXliff12(js: unknown, options?: { indent?: string }): Promise<string>;
}
declare module "xliff/xliff12ToJs" {
  export default function xliff12ToJs(xml: string, options?: Record<string, unknown>): Promise<XliffJs>;
  export interface XliffJs {
    sourceLanguage?: string;
    targetLanguage?: string;
    resources: Record<string, Record<string, unknown>>;
  }
}

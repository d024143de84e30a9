import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createRequestLog } from "./request-log.server";

const route = (id: string, parentId: string | undefined, path?: string, index?: boolean) => ({
  id,
  parentId,
  path,
  index,
  module: {},
});
const routes = {
  root: route("root", undefined, ""),
  "routes/_index": route("routes/_index", "root", undefined, true),
  "routes/q.$qid.s.$sectionId": route("routes/q.$qid.s.$sectionId", "root", "q/:qid/s/:sectionId"),
  "routes/organiser": route("routes/organiser", "root", "organiser"),
  "routes/organiser.responses.$id": route("routes/organiser.responses.$id", "routes/organiser", "responses/:id"),
};

function logOf(requests: Array<{ method: string; path: string; status: number; ms: number }>) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  const log = createRequestLog(routes as never, destination);
  for (const request of requests) log(request);
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("createRequestLog", () => {
  it("names the deepest matching route instead of the path, and nothing for a path no route takes", () => {
    const lines = logOf([
      { method: "GET", path: "/", status: 200, ms: 1.234 },
      { method: "POST", path: "/q/pre-regm/s/about", status: 302, ms: 12.06 },
      { method: "GET", path: "/organiser/responses/0f3a-secret-id", status: 200, ms: 3 },
      { method: "GET", path: "/i/some-token", status: 404, ms: 2 },
    ]);
    expect(lines.map(({ method, route, status, ms, msg }) => ({ method, route, status, ms, msg }))).toEqual([
      { method: "GET", route: "routes/_index", status: 200, ms: 1.2, msg: "request" },
      { method: "POST", route: "routes/q.$qid.s.$sectionId", status: 302, ms: 12.1, msg: "request" },
      { method: "GET", route: "routes/organiser.responses.$id", status: 200, ms: 3, msg: "request" },
      { method: "GET", route: null, status: 404, ms: 2, msg: "request" },
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/secret-id|some-token|pre-regm/);
  });
});

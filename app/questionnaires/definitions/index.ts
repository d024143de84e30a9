import demoV1 from "./demo/v1.json";
import preRegmV1 from "./pre-regm/v1.json";
import preRegmV2 from "./pre-regm/v2.json";

/**
 * Every released definition, by its file under this folder, bundled into the build (the server, the
 * export worker). A new version is a new file listed here; a released file is never edited
 * (released.json holds its digest, and a test compares).
 */
export const releasedDefinitions: Readonly<Record<string, unknown>> = {
  "demo/v1.json": demoV1,
  "pre-regm/v1.json": preRegmV1,
  "pre-regm/v2.json": preRegmV2,
};

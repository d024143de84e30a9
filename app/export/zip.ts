import { Zip, ZipDeflate } from "fflate";

export interface ZipEntry {
  name: string;
  chunks: () => AsyncIterable<string | Uint8Array>;
  /** Deflate level, 6 unless said: 0 for what is compressed already, 1 where speed matters more than size. */
  level?: 0 | 1 | 6;
}

const encoder = new TextEncoder();

/** A zip written as it goes: each file's chunks are deflated and passed on, never held whole. */
export async function* zipStream(entries: ZipEntry[]): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  // Set by the zip's callback, which TypeScript's narrowing does not follow.
  let failure = null as Error | null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else out.push(data);
  });
  const drain = function* () {
    while (out.length) yield out.shift()!;
  };
  for (const entry of entries) {
    const file = new ZipDeflate(entry.name, { level: entry.level ?? 6 });
    zip.add(file);
    for await (const chunk of entry.chunks()) {
      file.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      if (failure) throw failure;
      yield* drain();
    }
    file.push(new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  if (failure) throw failure;
  yield* drain();
}

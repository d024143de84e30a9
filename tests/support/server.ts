import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "./chromium";
import { databaseEnv, freshDatabase } from "./engine";

export interface RunningServer {
  url: string;
  /** The SQLite file, or on the PostgreSQL run the database's URL. */
  databasePath: string;
  /** The server process's id, to read its memory and threads in /proc. */
  pid: number;
  stop: () => Promise<void>;
  /** Kills the process at once (SIGKILL), as a crash would. */
  crash: () => Promise<void>;
  /** Everything the process (and its workers) wrote to stdout and stderr so far. */
  output: () => string;
}

/**
 * Starts the built app (npm run build first) with node directly, on its own port and database, or on
 * another server's database (`databasePath`) to run several processes as one.
 */
export async function startServer(
  env: Record<string, string> = {},
  options: { databasePath?: string } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const databasePath = options.databasePath ?? (await freshDatabase());
  const child: ChildProcess = spawn(process.execPath, ["server.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      ...databaseEnv(databasePath),
      SESSION_SECRET: "test-secret-that-is-long-enough-for-the-check-0123456789",
      ADMIN_TWO_FACTOR: "optional",
      // A deployment must name its address; links are built from it.
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    databasePath,
    pid: child.pid!,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill("SIGKILL"), 8000);
        child.once("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill("SIGTERM");
      }),
    crash: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}

// Plain JavaScript: server.mjs runs this in the primary process of WEB_CONCURRENCY=N, before (and
// instead of) loading the build. The primary serves nothing and logs nothing personal: it starts the
// workers, starts another when one dies, and passes a stop on to them.
import cluster from "node:cluster";

/** A stop gives the workers this long to finish their requests (each gives up after 5 s itself). */
const STOP_GRACE_MS = 8000;

/**
 * Starts `count` workers one after another (the first migrates the database before the next opens it)
 * and keeps them running. Never returns: the primary ends by process.exit once its workers are gone.
 * @param {number} count
 * @param {string} address where the workers listen, for the log line once all are ready
 * @returns {Promise<never>}
 */
export function superviseWorkers(count, address) {
  return new Promise(() => {
    const ready = new Set();
    let stopping = false;

    cluster.on("listening", (worker) => {
      if (ready.has(worker.id)) return;
      ready.add(worker.id);
      if (ready.size < count) cluster.fork();
      else if (ready.size === count) console.log(`Consulta is listening on ${address} with ${count} processes`);
    });

    cluster.on("exit", (worker, code, signal) => {
      const left = Object.keys(cluster.workers ?? {}).length;
      if (stopping) {
        if (left === 0) process.exit(0);
        return;
      }
      if (!ready.has(worker.id)) {
        // A worker that cannot start (a wrong setting, a database it cannot open) would fail again: stop.
        console.error(`An app process stopped before it was ready (exit code ${code ?? signal}): stopping.`);
        stop(1);
        return;
      }
      console.warn(`App process ${worker.process.pid} stopped (${code ?? signal}): starting another.`);
      cluster.fork();
    });

    function stop(exitCode = 0) {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      if (workers.length === 0) process.exit(exitCode);
      for (const worker of workers) worker?.process.kill("SIGTERM");
      setTimeout(() => process.exit(exitCode), STOP_GRACE_MS).unref();
    }
    for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(0));

    cluster.fork();
  });
}

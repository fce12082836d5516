'use strict';
/**
 * Preloaded (`NODE_OPTIONS=--require …/firstRequestHook.cjs`) into every Node process of a
 * `npx jest` run by the startup benchmark — nothing in src/ changes. It appends one line of JSON
 * to $BENCH_FIRST_REQUEST_FILE:
 *   - `{"event":"process", …}` when a process starts (npx's own, Jest's, each worker's);
 *   - `{"event":"listen", …}` the first time a node:http server in that process starts listening
 *     (Jest's global setup starting the sandbox);
 *   - `{"event":"request", …}` the first time any node:http server in that process receives a
 *     request other than the run's own loopback services' (the pacer's `/lease` and `/pause`, the
 *     redaction registry's `/secrets`) — i.e. the first request
 *     the sandbox receives (a token request or an API call).
 * Epoch milliseconds with sub-millisecond precision, comparable with the benchmark's clock.
 * Plain CommonJS: it runs before any transpiler is registered.
 */
const fs = require('node:fs');
const http = require('node:http');

const file = process.env.BENCH_FIRST_REQUEST_FILE;
if (file) {
  const now = () => performance.timeOrigin + performance.now();
  const write = (record) => fs.appendFileSync(file, `${JSON.stringify({ ...record, pid: process.pid })}\n`);
  write({ event: 'process', at: now(), startedAt: performance.timeOrigin, argv: process.argv.slice(1, 3).join(' ') });
  const servicePaths = /^\/(lease|pause|secrets)(\?|$)/;
  let seen = false;
  let listened = false;
  const listen = http.Server.prototype.listen;
  http.Server.prototype.listen = function patchedListen(...args) {
    if (!listened) {
      listened = true;
      write({ event: 'listen', at: now() });
    }
    return listen.apply(this, args);
  };
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(event, ...args) {
    if (!seen && event === 'request') {
      const req = args[0];
      if (!servicePaths.test(req.url || '')) {
        seen = true;
        write({ event: 'request', at: now(), method: req.method, url: req.url });
      }
    }
    return emit.call(this, event, ...args);
  };
}

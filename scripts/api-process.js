'use strict';
// How the API's Node process is started, wherever it runs: `npm start`, the benchmarks, and (as
// written out again in the Dockerfile and docker-compose.yml) a deployment. On a machine with
// plenty of memory V8 lets the heap grow far past what the API keeps alive (about 150 MB, the
// directory kept in memory included) before collecting; a ceiling makes it collect sooner, so the
// process stays near 300 MB resident and fits a small server or container.
const API_NODE_ARGS = ['--max-old-space-size=256'];

module.exports = { API_NODE_ARGS };

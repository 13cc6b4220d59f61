/** Process entry points: what `navarch server`, `navarch up` and `navarch agent` run. */
export { runServer, stopOnSignals, defaultDataDir, type ServerFlags } from './server.js';

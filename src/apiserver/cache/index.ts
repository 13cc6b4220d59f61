/** The watch cache: serves LIST, GET (rv=0) and WATCH from memory, fed by one backend watch. */
export { WatchCache, type CacheEvent, type CacheEventType } from './watch-cache.js';
export { decodeStored, encodeForStorage, fromKeyValue, type CachedObject } from './cached-object.js';

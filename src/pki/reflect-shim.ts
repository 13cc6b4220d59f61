// tsyringe, which @peculiar/x509 uses internally, refuses to load unless `Reflect` carries the
// metadata API of the decorator-metadata proposal (normally supplied by the `reflect-metadata`
// package). @peculiar/x509 records no design-time metadata of its own, so a small map-backed
// implementation of the calls tsyringe makes is enough. It is installed only when absent, so a
// real polyfill loaded elsewhere wins.

type MetadataKey = unknown;
type PropertyKeyOrNone = string | symbol | undefined;

const stores = new WeakMap<object, Map<PropertyKeyOrNone, Map<MetadataKey, unknown>>>();

function ownStore(
  target: object,
  property: PropertyKeyOrNone,
  create: boolean,
): Map<MetadataKey, unknown> | undefined {
  let byProperty = stores.get(target);
  if (!byProperty) {
    if (!create) return undefined;
    byProperty = new Map();
    stores.set(target, byProperty);
  }
  let store = byProperty.get(property);
  if (!store && create) {
    store = new Map();
    byProperty.set(property, store);
  }
  return store;
}

function findStore(
  target: object,
  property: PropertyKeyOrNone,
  key: MetadataKey,
): Map<MetadataKey, unknown> | undefined {
  for (let t: object | null = target; t !== null; t = Object.getPrototypeOf(t) as object | null) {
    const store = ownStore(t, property, false);
    if (store?.has(key)) return store;
  }
  return undefined;
}

interface MetadataApi {
  defineMetadata(key: MetadataKey, value: unknown, target: object, property?: string | symbol): void;
  getOwnMetadata(key: MetadataKey, target: object, property?: string | symbol): unknown;
  getMetadata(key: MetadataKey, target: object, property?: string | symbol): unknown;
  hasOwnMetadata(key: MetadataKey, target: object, property?: string | symbol): boolean;
  hasMetadata(key: MetadataKey, target: object, property?: string | symbol): boolean;
  metadata(key: MetadataKey, value: unknown): (target: object, property?: string | symbol) => void;
}

const api: MetadataApi = {
  defineMetadata(key, value, target, property) {
    ownStore(target, property, true)?.set(key, value);
  },
  getOwnMetadata(key, target, property) {
    return ownStore(target, property, false)?.get(key);
  },
  getMetadata(key, target, property) {
    return findStore(target, property, key)?.get(key);
  },
  hasOwnMetadata(key, target, property) {
    return ownStore(target, property, false)?.has(key) ?? false;
  },
  hasMetadata(key, target, property) {
    return findStore(target, property, key) !== undefined;
  },
  metadata(key, value) {
    return (target, property) => api.defineMetadata(key, value, target, property);
  },
};

const reflect = Reflect as unknown as Partial<MetadataApi>;
if (typeof reflect.getMetadata !== 'function') {
  Object.assign(Reflect, api);
}

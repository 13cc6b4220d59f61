/** Label and field selectors: parsing the query parameters and matching objects. */
export * from './label-selector.js';
export * from './field-selector.js';

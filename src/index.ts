/**
 * playgate: consent and permission web components for web games.
 * This entry exposes the vendor-neutral model, the fetch layer and the vendor adapters;
 * the elements are added as they land.
 */
export * from './model/index.js';
export * from './http/index.js';
export * from './backends/index.js';

export * from './auth.js';
export * from './client.js';
export { parseRetryAfter } from './timing.js';
export { formatPath } from './validate.js';

export * from './error.js';
export * from './permissions.js';
export * from './identity.js';
export * from './consent.js';
export * from './ports.js';
export * from './push.js';
export * from './receipt.js';

export { KidBackend, type KidBackendOptions } from './kid/kid-backend.js';
export { NodecraftBackend, type NodecraftBackendOptions } from './nodecraft/nodecraft-backend.js';
export { ElementsBackend, type ElementsBackendOptions, type ElementsSignUp } from './elements/elements-backend.js';

/**
 * The playgate emulator: k-ID, Nodecraft and Namazu Elements on one Fetch API handler,
 * with a parent device page, scenarios, backend events and fault injection.
 * See docs/emulator.md.
 */
export { createEmulator, VENDOR_ROOTS, type Emulator, type EmulatorOptions } from './emulator.js';
export { createInPageStack, type InPageStack, type InPageStackOptions } from './in-page.js';
export { DEFAULT_CONFIG, type EmulatorConfig } from './config.js';
export { SCENARIOS, DEFAULT_SCENARIO, type ScenarioInfo } from './scenarios.js';
export type { FaultKind, FaultSpec, Vendor } from './faults.js';
export { hmacSha256Hex } from './hmac.js';

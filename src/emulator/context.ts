import type { Context } from 'hono';
import type { Clock } from './clock.js';
import type { EmulatorConfig } from './config.js';
import type { ElementsState } from './elements/state.js';
import type { Faults } from './faults.js';
import type { KidState } from './kid/state.js';
import type { NodecraftState } from './nodecraft/state.js';
import type { ScenarioInfo } from './scenarios.js';
import type { Webhooks } from './webhooks.js';

/** Everything one emulator's routes share. Replaced whole on a reset. */
export interface EmulatorContext {
  readonly config: EmulatorConfig;
  readonly clock: Clock;
  readonly faults: Faults;
  readonly webhooks: Webhooks;
  readonly kid: KidState;
  readonly nodecraft: NodecraftState;
  readonly elements: ElementsState;
  scenario: ScenarioInfo;
  /** Every vendor call since the scenario loaded, for request budgets in tests. */
  readonly requests: Array<{ vendor: string; method: string; path: string; at: number }>;
  /** Where this emulator is reachable from the caller, e.g. `http://127.0.0.1:8787`. */
  publicBase(c: Context): string;
  /** Loads a scenario into fresh state; undefined when there is no such scenario. */
  reset(scenario?: string): ScenarioInfo | undefined;
}

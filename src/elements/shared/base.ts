import { consume } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { PlaygateRuntime } from '../../flows/runtime/runtime.js';
import { registerKit, type Kits, type KitName } from '../../flows/runtime/kits.js';
import type { Messages } from '../../i18n/en.js';
import { ensureContextRoot, runtimeContext, settingsContext, type PlaygateSettings } from './context.js';
import { LocaleController } from './locale-controller.js';
import { RuntimeController } from './runtime-controller.js';

/**
 * What every playgate element inside a provider shares: the runtime and the page's
 * settings from context, drawing again when either changes, the runtime's events for
 * this element sent from it, and the element's words.
 */
export class PlaygateElement extends LitElement {
  /** The adapters this element's flows need, handed to the provider. */
  static kits: Kits = {};

  /**
   * Hands the provider this element's kits: when its tag is defined and when one is made,
   * so the class works imported alone (no side effects) and under a game's own tag.
   */
  static prepare(): void {
    for (const [name, kit] of Object.entries(this.kits) as Array<[KitName, NonNullable<Kits[KitName]>]>) registerKit(name, kit);
  }

  constructor() {
    super();
    ensureContextRoot();
    (this.constructor as typeof PlaygateElement).prepare();
  }

  @consume({ context: runtimeContext, subscribe: true })
  @state()
  protected runtime: PlaygateRuntime | undefined;

  @consume({ context: settingsContext, subscribe: true })
  @state()
  protected settings: PlaygateSettings | undefined;

  protected readonly connection = new RuntimeController(this);
  protected readonly words = new LocaleController(this, () => this.settings);

  protected get t(): Messages {
    return this.words.messages;
  }

  /** A feature's name for people. */
  protected label(name: string): string {
    return this.settings?.label(name) ?? name;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('runtime' as never)) this.connection.connect(this.runtime);
  }

  /**
   * Called in the same task that put the elements in the page, the provider has not
   * handed its runtime over yet: it does in its first update, which comes before ours.
   */
  protected async ready(): Promise<PlaygateRuntime | undefined> {
    if (!this.runtime && this.isConnected) await this.updateComplete;
    return this.runtime;
  }
}

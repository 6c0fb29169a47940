// Two of k-ID's answers the demo can turn on, in the emulator: limited access while a
// parent decides, and a parent's yes that leaves the feature off (an honest "locked").
import { html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';

type Switch = 'limitedAccess' | 'passLeavesPermissionsOff';

const LABELS: Record<Switch, string> = {
  limitedAccess: 'A child may play, limited, while a parent decides',
  passLeavesPermissionsOff: "A parent's yes leaves the feature off",
};

export class DemoKidSwitches extends LitElement {
  /** The emulator's control API, through the demo's stack. */
  @property({ attribute: false }) control: ((path: string, body?: unknown) => Promise<Record<string, unknown>>) | undefined;

  @state() private on: Record<Switch, boolean> = { limitedAccess: false, passLeavesPermissionsOff: false };

  protected override createRenderRoot() {
    return this;
  }

  private async flip(name: Switch, value: boolean): Promise<void> {
    const config = await this.control?.('/config', { [name]: value });
    this.on = { ...this.on, [name]: config?.[name] === true };
  }

  protected override render() {
    return html`${(Object.keys(LABELS) as Switch[]).map(
      (name) => html`<label class="switch"><input type="checkbox" .checked=${this.on[name]} @change=${(e: Event) => void this.flip(name, (e.currentTarget as HTMLInputElement).checked)} /> ${LABELS[name]}</label>`,
    )}`;
  }
}

customElements.define('demo-k-id-switches', DemoKidSwitches);

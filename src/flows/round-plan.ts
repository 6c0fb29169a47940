import type { ConsentDocument, ConsentRequirement, OutstandingConsent } from '../model/consent.js';
import type { ConsentsPort } from '../model/ports.js';

/** Whether a read-ahead entry is what the action asks for now. */
function sameLayer(planned: ConsentRequirement, asked: ConsentRequirement): boolean {
  return planned.scope === asked.scope && (asked.type === undefined || planned.type === asked.type);
}

/**
 * What the action will still ask for, read once per run when the backend can tell, so the
 * prompt can say "Step 1 of 3" and later rounds need no second read of their document.
 */
export class RoundPlan {
  private ahead: OutstandingConsent[] | undefined;
  private total: number | undefined;

  constructor(private readonly consents: ConsentsPort) {}

  known(): { total?: number } {
    return this.total === undefined ? {} : { total: this.total };
  }

  /** The round's document if it was read ahead; undefined means read it now. */
  async take(round: number, requirement: ConsentRequirement): Promise<ConsentDocument | undefined> {
    if (!this.ahead) {
      this.ahead = [];
      try {
        const outstanding = (await this.consents.outstanding?.(requirement.action)) ?? [];
        if (outstanding.some((entry) => sameLayer(entry.requirement, requirement))) {
          this.ahead = [...outstanding];
          this.total = round - 1 + outstanding.length;
        }
      } catch {
        // The count stays unknown; the round's own read reports a failure the player can retry.
      }
    }
    const index = this.ahead.findIndex((entry) => sameLayer(entry.requirement, requirement));
    if (index < 0) {
      this.total = undefined;
      return undefined;
    }
    // Layers skipped over were signed meanwhile (another tab, say): one round fewer each.
    const taken = this.ahead.splice(0, index + 1);
    if (this.total !== undefined) this.total -= index;
    return taken[index]?.document;
  }
}

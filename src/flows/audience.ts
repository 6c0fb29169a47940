/**
 * The elements that show one flow, and which of them presents it: the one the player
 * used to start it while it is on the page, else the first to arrive. The others say
 * in a line what is going on; only the presenter draws the conversation and sends its
 * events, so two elements never both do. Each may bring what the flow should know of it.
 */
export class Audience<Settings = undefined> {
  private readonly views = new Map<object, Settings>();
  private origin: object | undefined;

  get presenter(): object | undefined {
    return this.origin && this.views.has(this.origin) ? this.origin : this.views.keys().next().value;
  }

  /** What the presenter brought. */
  get settings(): Settings | undefined {
    const presenter = this.presenter;
    return presenter && this.views.get(presenter);
  }

  get size(): number {
    return this.views.size;
  }

  /** The element the player used to start the flow (none: a resumed wait, or a call from the game). */
  startedBy(view: object | undefined): void {
    if (view) this.origin = view;
  }

  /** Adds a view; the function it returns removes it and says whether it was presenting. */
  join(view: object, settings: Settings): () => boolean {
    this.views.set(view, settings);
    let left = false;
    return () => {
      if (left) return false;
      left = true;
      const presenting = this.presenter === view;
      this.views.delete(view);
      return presenting;
    };
  }
}

/**
 * Gamepad control for pages and in-game overlays: the D-pad or left stick moves focus
 * through everything focusable (into shadow roots, and only inside an open modal), A
 * activates, B goes back: it cancels an open modal (a consent prompt declines) or asks
 * the page to go back with a `playgate-gamepad-back` event. Down on a scrollable box
 * scrolls it until its end before moving on, so long terms can be read with a pad. Left
 * and right on a `<select>` step through its options (a spinner, as game menus have), so
 * an age gate needs no on-screen keyboard.
 */
export interface GamepadNavigatorOptions {
  /** The pads; `navigator.getGamepads` by default. */
  getGamepads?: () => ReadonlyArray<Gamepad | null>;
  /** Where focus moves; the document by default. */
  root?: Document;
  /** Held directions repeat after this, then at `repeatMs`. */
  repeatDelayMs?: number;
  repeatMs?: number;
}

type Action = 'up' | 'down' | 'left' | 'right' | 'accept' | 'back';

/** Standard mapping: 0 = A (south), 1 = B (east), 12–15 = D-pad up, down, left, right. */
const BUTTONS: ReadonlyArray<[number, Action]> = [
  [0, 'accept'],
  [1, 'back'],
  [12, 'up'],
  [13, 'down'],
  [14, 'left'],
  [15, 'right'],
];
const STICK_THRESHOLD = 0.5;

export class GamepadNavigator {
  private frame = 0;
  private held = new Map<Action, number>();
  private readonly options: Required<Omit<GamepadNavigatorOptions, 'getGamepads'>> & Pick<GamepadNavigatorOptions, 'getGamepads'>;

  constructor(options: GamepadNavigatorOptions = {}) {
    this.options = { root: document, repeatDelayMs: 400, repeatMs: 120, ...options };
  }

  /** Polls on animation frames (so never while the page is hidden) until `stop()`. */
  start(): void {
    if (this.frame) return;
    const loop = (time: number) => {
      this.poll(time);
      this.frame = requestAnimationFrame(loop);
    };
    this.frame = requestAnimationFrame(loop);
  }

  stop(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.held.clear();
  }

  /** Reads the pads once and acts on what was newly pressed (or held long enough). */
  poll(now = performance.now()): void {
    const pads = (this.options.getGamepads ?? (() => navigator.getGamepads()))();
    const pressed = new Set<Action>();
    for (const pad of pads) {
      if (!pad?.connected) continue;
      for (const [index, action] of BUTTONS) if (pad.buttons[index]?.pressed) pressed.add(action);
      const [x = 0, y = 0] = pad.axes;
      if (y < -STICK_THRESHOLD) pressed.add('up');
      if (y > STICK_THRESHOLD) pressed.add('down');
      if (x < -STICK_THRESHOLD) pressed.add('left');
      if (x > STICK_THRESHOLD) pressed.add('right');
    }
    for (const action of [...this.held.keys()]) if (!pressed.has(action)) this.held.delete(action);
    for (const action of pressed) {
      const since = this.held.get(action);
      const repeats = action !== 'accept' && action !== 'back';
      if (since === undefined) {
        this.held.set(action, now);
        this.act(action);
      } else if (repeats && now - since >= this.options.repeatDelayMs) {
        this.held.set(action, now - this.options.repeatDelayMs + this.options.repeatMs);
        this.act(action);
      }
    }
  }

  private act(action: Action): void {
    const active = deepActiveElement(this.options.root);
    switch (action) {
      case 'accept':
        active?.click();
        return;
      case 'back': {
        const modal = openModal(this.options.root);
        if (modal) {
          // What Escape does: the dialog's owner decides (a consent prompt declines).
          if (modal.dispatchEvent(new Event('cancel', { cancelable: true }))) modal.close();
        } else {
          this.options.root.dispatchEvent(new CustomEvent('playgate-gamepad-back', { bubbles: true }));
        }
        return;
      }
      default:
        if ((action === 'left' || action === 'right') && active instanceof HTMLSelectElement) {
          stepSelect(active, action === 'right' ? 1 : -1);
          return;
        }
        if ((action === 'down' || action === 'up') && active && scrollWithin(active, action === 'down' ? 1 : -1)) return;
        this.moveFocus(action === 'down' || action === 'right' ? 1 : -1, active);
    }
  }

  private moveFocus(step: 1 | -1, active: HTMLElement | undefined): void {
    const modal = openModal(this.options.root);
    const { candidates, activeAt } = focusables(modal ?? this.options.root.body, active);
    if (candidates.length === 0) return;
    const count = candidates.length;
    const onCandidate = activeAt !== undefined && candidates[activeAt] === active;
    // From something focused by script (a heading with tabindex -1), go on from where it is.
    const target = activeAt === undefined ? (step > 0 ? 0 : count - 1) : step > 0 ? activeAt + (onCandidate ? 1 : 0) : activeAt - 1;
    const next = candidates[(target + count) % count];
    next?.focus();
    next?.scrollIntoView({ block: 'nearest' });
  }
}

/** Moves a select one option on (mirrored right to left) and tells its form, as a pick would. */
function stepSelect(select: HTMLSelectElement, step: 1 | -1): void {
  const forward = getComputedStyle(select).direction === 'rtl' ? -step : step;
  const index = Math.min(select.options.length - 1, Math.max(0, select.selectedIndex + forward));
  if (index === select.selectedIndex || select.matches(':disabled')) return;
  select.selectedIndex = index;
  select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Scrolls a box that can still scroll that way; false when it is at its end. */
function scrollWithin(element: HTMLElement, direction: 1 | -1): boolean {
  // Only real scroll boxes: an inline link reports a scroll height but cannot scroll.
  if (!/(auto|scroll)/.test(getComputedStyle(element).overflowY)) return false;
  const room = direction > 0 ? element.scrollHeight - element.clientHeight - element.scrollTop : element.scrollTop;
  if (element.scrollHeight <= element.clientHeight + 1 || room <= 1) return false;
  element.scrollBy({ top: direction * Math.max(40, element.clientHeight * 0.8) });
  return true;
}

function deepActiveElement(root: Document): HTMLElement | undefined {
  let active: Element | null = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

/** Every element under `root`, in document order, through open shadow roots. */
function* walk(root: Node): Generator<Element> {
  for (const child of Array.from(root.childNodes)) {
    if (!(child instanceof Element)) continue;
    yield child;
    if (child.shadowRoot) yield* walk(child.shadowRoot);
    if (child instanceof HTMLSlotElement) continue;
    yield* walk(child);
  }
}

function openModal(root: Document): HTMLDialogElement | undefined {
  let found: HTMLDialogElement | undefined;
  for (const element of walk(root.body)) if (element instanceof HTMLDialogElement && element.open && element.matches(':modal')) found = element;
  return found;
}

/** The focusable elements under `root`, and how many of them come before `active`. */
function focusables(root: Element, active: Element | undefined): { candidates: HTMLElement[]; activeAt?: number } {
  const candidates: HTMLElement[] = [];
  let activeAt: number | undefined;
  for (const element of walk(root)) {
    if (element === active) activeAt = candidates.length;
    if (!(element instanceof HTMLElement) || element.tabIndex < 0) continue;
    if (element.matches(':disabled')) continue;
    if (element.closest('[inert]') || element.getClientRects().length === 0) continue;
    candidates.push(element);
  }
  return activeAt === undefined ? { candidates } : { candidates, activeAt };
}

import { PlaygateError } from '../model/error.js';
import { Audience } from './audience.js';
import type { ConsentFlow, ConsentFlowOptions, ConsentFlowState, ConsentListener, ConsentRunOptions, GuardedAction } from './consent-flow.js';
import type { ConsentRequirement } from '../model/consent.js';

type FlowModule = typeof import('./consent-flow.js');

const IDLE: ConsentFlowState = { state: 'idle' };

/**
 * The consent rounds, their code loaded on the first run or review (or ahead, once the
 * page is idle): a game's first load carries only this. The prompts join its audience
 * and follow its states from the start; the flow, once come, shares both.
 */
export class LazyConsentFlow {
  readonly audience = new Audience<() => ConsentRunOptions>();
  private flow: ConsentFlow | undefined;
  private loading: Promise<ConsentFlow> | undefined;
  private readonly listeners = new Set<ConsentListener>();
  private disposed = false;

  constructor(
    private readonly options: ConsentFlowOptions,
    private readonly load: () => Promise<FlowModule>,
  ) {}

  get state(): ConsentFlowState {
    return this.flow?.state ?? IDLE;
  }

  /** The flow, loading its code the first time. A failed load is tried again at the next call. */
  ready(): Promise<ConsentFlow> {
    this.loading ??= this.load().then(
      ({ ConsentFlow: Flow }) => {
        const flow = new Flow({ ...this.options, audience: this.audience });
        flow.subscribe((state, event) => {
          for (const listener of [...this.listeners]) listener(state, event);
        });
        if (this.disposed) flow.dispose();
        return (this.flow = flow);
      },
      (error: unknown) => {
        this.loading = undefined;
        throw PlaygateError.from(error);
      },
    );
    return this.loading;
  }

  subscribe(listener: ConsentListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** A prompt that shows this flow; when the presenting one leaves, the others hear it and one takes over. */
  attach(view: object, settings: () => ConsentRunOptions): () => void {
    const leave = this.audience.join(view, settings);
    return () => {
      if (!leave()) return;
      for (const listener of [...this.listeners]) listener(this.state);
    };
  }

  async run<T>(action: GuardedAction<T>, options: ConsentRunOptions = {}): Promise<T> {
    return (await this.ready()).run(action, options);
  }

  async review(requirement: ConsentRequirement, options: { origin?: object } = {}): Promise<void> {
    await (await this.ready()).review(requirement, options);
  }

  // The player's answers: only ever given while a document is shown, so the flow is there.
  accept(): void {
    this.flow?.accept();
  }

  decline(): void {
    this.flow?.decline();
  }

  retry(): void {
    this.flow?.retry();
  }

  readToEnd(): void {
    this.flow?.readToEnd();
  }

  close(): void {
    this.flow?.close();
  }

  dispose(): void {
    this.disposed = true;
    this.flow?.dispose();
    this.listeners.clear();
  }
}

// The consent rounds whose code comes later, alone, with no DOM: prompts that joined before
// the code came present the flow once it is there, a load that fails is the network's
// error and is tried again, and a flow disposed meanwhile ends as soon as it comes.
import { expect } from '@open-wc/testing';
import * as flowModule from '../../src/flows/consent-flow.js';
import type { ConsentFlowState } from '../../src/flows/consent-flow.js';
import { LazyConsentFlow } from '../../src/flows/lazy-consent-flow.js';
import { memoryStorage } from '../../src/flows/storage.js';
import type { ConsentDocument } from '../../src/model/consent.js';
import { doc, fakeConsents, legalMissing, player, rejection, required } from './consent-support.js';

function lazyFlow(load: () => Promise<typeof flowModule>) {
  const fake = fakeConsents();
  const lazy = new LazyConsentFlow({ consents: fake.port, storage: memoryStorage() }, load);
  const identAction = (accepted: readonly ConsentDocument[]) => fake.port.identify({ type: 'password', data: {} }, accepted);
  return { fake, lazy, identAction };
}

async function until(lazy: LazyConsentFlow, want: ConsentFlowState['state']): Promise<void> {
  for (let i = 0; i < 200 && lazy.state.state !== want; i++) await Promise.resolve();
  if (lazy.state.state !== want) throw new Error(`never reached ${want}; at ${lazy.state.state}`);
}

describe('LazyConsentFlow', () => {
  it('loads its code once, at the first run; a prompt that joined before presents it, and hears every state', async () => {
    let loads = 0;
    const { fake, lazy, identAction } = lazyFlow(() => {
      loads += 1;
      return Promise.resolve(flowModule);
    });
    const prompt = {};
    const seen: string[] = [];
    let last: unknown;
    lazy.attach(prompt, () => ({}));
    // The same state again only carries an event (an acceptance's receipt, once stamped).
    lazy.subscribe((state) => {
      if (state !== last) seen.push(state.state);
      last = state;
    });
    expect(lazy.state.state).to.equal('idle');
    expect(loads, 'nothing loaded before it is needed').to.equal(0);

    fake.identify.push(required(legalMissing));
    fake.documents.push(doc('legal', 'v1'));
    const running = lazy.run(identAction);
    await until(lazy, 'reading');
    expect(lazy.audience.presenter).to.equal(prompt);
    lazy.accept();
    expect(await running).to.equal(player);
    expect(seen).to.deep.equal(['running', 'loading', 'reading', 'signing', 'running', 'done']);
    expect(fake.calls.sign).to.deep.equal(['legal:legal-page@v1']);
    await lazy.ready();
    expect(loads).to.equal(1);
  });

  it('a load that fails rejects the run as the network\'s error, and the next run loads again', async () => {
    let loads = 0;
    const { fake, lazy, identAction } = lazyFlow(() => {
      loads += 1;
      return loads === 1 ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : Promise.resolve(flowModule);
    });
    expect((await rejection(lazy.run(identAction))).kind).to.equal('network');
    expect(lazy.state.state, 'no state of a flow that never came').to.equal('idle');
    fake.identify.push(player);
    expect(await lazy.run(identAction)).to.equal(player);
    expect(loads).to.equal(2);
  });

  it('disposed while its code comes, the flow ends as soon as it is there', async () => {
    let arrive: (module: typeof flowModule) => void = () => undefined;
    const { fake, lazy, identAction } = lazyFlow(() => new Promise((resolve) => { arrive = resolve; }));
    fake.identify.push(required(legalMissing));
    fake.documents.push(doc('legal', 'v1'));
    const running = lazy.run(identAction);
    lazy.dispose();
    arrive(flowModule);
    // A live flow would wait for the player for ever; this one is over.
    expect((await rejection(running)).kind).to.equal('aborted');
  });
});

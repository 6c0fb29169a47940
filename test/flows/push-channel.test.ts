import { expect } from '@open-wc/testing';
import { PushChannel, type EventStream, type PushedChallenge } from '../../src/flows/push-channel.js';

type Listener = (event: { data?: unknown; lastEventId?: string }) => void;

/** A scripted event stream: the test says what the server sends. */
class FakeStream implements EventStream {
  readyState = 1;
  readonly listeners = new Map<string, Listener[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.readyState = 2;
  }
  send(type: string, id: string, body: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(body), lastEventId: id });
  }
}

function setup() {
  const opened: FakeStream[] = [];
  const page = {
    visible: true,
    open: (url: string) => {
      const stream = new FakeStream(url);
      opened.push(stream);
      return stream;
    },
    isVisible: () => page.visible,
  };
  const heard = { changed: 0, adopted: [] as Array<string | undefined>, challenges: [] as PushedChallenge[] };
  const channel = new PushChannel('https://game.example/api/kid', page, {
    changed: () => heard.changed++,
    adopt: (sessionId) => heard.adopted.push(sessionId),
    challenge: (update) => heard.challenges.push(update),
  });
  return { channel, page, opened, heard };
}

describe('PushChannel', () => {
  it('hears each event once, though a server resuming or catching up sends one again', () => {
    const { opened, heard } = setup();
    const stream = opened[0];
    stream?.send('session-changed', '1-0', { sessionId: 's1' });
    stream?.send('challenge-changed', '2-0', { challengeId: 'c1', status: 'PASS', sessionId: 's2' });
    // The same two again (a backlog overlapping the live feed), then a new one.
    stream?.send('session-changed', '1-0', { sessionId: 's1' });
    stream?.send('challenge-changed', '2-0', { challengeId: 'c1', status: 'PASS', sessionId: 's2' });
    stream?.send('session-changed', '3-0', { sessionId: 's2' });
    expect(heard.changed).to.equal(2);
    expect(heard.challenges).to.deep.equal([{ challengeId: 'c1', status: 'PASS', sessionId: 's2' }]);
    expect(heard.adopted).to.deep.equal(['s2']);
  });

  it('resumes from the last event id when the page is shown again, and closes while hidden', () => {
    const { channel, page, opened, heard } = setup();
    opened[0]?.send('session-changed', '7-0', { sessionId: 's1' });
    page.visible = false;
    channel.visibilityChanged();
    expect(opened[0]?.readyState, 'closed while hidden').to.equal(2);
    page.visible = true;
    channel.visibilityChanged();
    expect(opened).to.have.length(2);
    expect(new URL(opened[1]?.url ?? '').searchParams.get('lastEventId')).to.equal('7-0');
    // The resumed stream sends the last event again before a new one: heard once.
    opened[1]?.send('session-changed', '7-0', { sessionId: 's1' });
    opened[1]?.send('session-changed', '8-0', { sessionId: 's1' });
    expect(heard.changed).to.equal(2);
  });
});

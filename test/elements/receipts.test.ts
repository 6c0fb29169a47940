// Proof of consent, end to end in a real browser: the receipt's digest is the text the
// emulator served; the game server's ledger gets each receipt once; and the player reads
// "What I agreed to" back in the status, from the server.
import { expect } from '@open-wc/testing';
import '../../src/elements/consent-prompt/consent-prompt.js';
import '../../src/elements/permission-request/permission-request.js';
import '../../src/elements/provider/provider.js';
import '../../src/elements/session-status/session-status.js';
import type { PlaygateConsentPrompt } from '../../src/elements/consent-prompt/consent-prompt.component.js';
import { memoryStorage } from '../../src/flows/storage.js';
import type { ConsentReceipt, LedgerEntry } from '../../src/model/receipt.js';
import { acceptRounds } from '../support/consent.js';
import { startEmulator, type TestEmulator } from '../support/emulator.js';
import { cleanUp, LABELS, next } from '../support/elements.js';
import { waitFor } from '../support/tick.js';

const short = document.createElement('style');
short.textContent = 'playgate-consent-prompt::part(document) { max-height: 80px; }';
document.head.append(short);

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The emulator as `player`, with a fetch that keeps every consent document's text as it was served. */
async function game(player: string) {
  const emu = await startEmulator('child');
  if (emu.scenario.kid.sessionId) await emu.link(player, emu.scenario.kid.sessionId);
  document.cookie = `player=${player}; path=/`;
  const served: Array<{ url: string; content: string }> = [];
  const provider = document.createElement('playgate-provider');
  provider.kidUrl = `${emu.base}/api/kid/`;
  provider.nodecraftUrl = `${emu.base}/nodecraft/v1/`;
  provider.nodecraftGameToken = emu.scenario.nodecraft.gameToken;
  provider.playerId = player;
  provider.jurisdiction = 'US-CA';
  provider.permissionLabels = LABELS;
  provider.storage = memoryStorage();
  provider.fetch = async (input, init) => {
    const response = await fetch(input, init);
    const { url } = new Request(input, init);
    if (url.includes('/consents/')) {
      const body = (await response.clone().json().catch(() => undefined)) as { data?: { content?: unknown } } | undefined;
      if (typeof body?.data?.content === 'string') served.push({ url, content: body.data.content });
    }
    return response;
  };
  const prompt: PlaygateConsentPrompt = document.createElement('playgate-consent-prompt');
  provider.append(prompt);
  const ready = next(provider, 'playgate-ready');
  document.body.append(provider);
  await ready;
  return { emu, provider, prompt, served };
}

const ledgerOf = async (emu: TestEmulator, player: string): Promise<Array<LedgerEntry & { player: string }>> =>
  (await (await fetch(`${emu.base}/__ledger?player=${player}`)).text()).split('\n').filter(Boolean).map((line) => JSON.parse(line) as LedgerEntry & { player: string });

describe('Receipts and "What I agreed to"', () => {
  afterEach(cleanUp);

  it("a receipt's SHA-256 is the one of the exact text the emulator served; one character more is another", async () => {
    const { emu, prompt, served } = await game('pip');
    const completed = next(prompt, 'playgate-consent-completed');
    const accepted = next(prompt, 'playgate-consent-accepted');
    const ident = prompt.identify(emu.scenario.nodecraft.identRequest);
    await acceptRounds(prompt, 2);
    const { receipt } = (await accepted).detail;
    await ident;
    const [taken, rules] = (await completed).detail.receipts as [ConsentReceipt, ConsentReceipt];
    expect(taken.consentReceiptId).to.equal(receipt.consentReceiptId);
    expect(rules).to.include({ consentType: 'rules', round: 2 });
    const text = served.find((document) => document.url.includes('/legal'))?.content ?? '';
    expect(text.length).to.be.greaterThan(100);
    expect(taken.contentSha256).to.equal(await sha256(text));
    expect(taken.contentSha256).to.not.equal(await sha256(`${text} `));
    expect(taken.contentSha256).to.not.equal(await sha256(text.replace(/.$/su, '?')));
    expect(taken).to.include({ vendor: 'nodecraft', scope: 'game', consentType: 'legal', language: 'en', piiPrincipalId: 'pip', round: 1 });
    expect(taken.documents[0]?.title).to.equal('Terms of service');
    const times = [taken.shownAt, taken.readToEndAt, taken.consentTimestamp, taken.confirmedAt].map((time) => Date.parse(time ?? ''));
    expect(times.every(Number.isFinite), 'every time set').to.equal(true);
    expect([...times].sort((a, b) => a - b)).to.deep.equal(times);
  });

  it('after playing through, the ledger has each receipt once and the status lists them, from the server', async () => {
    const { emu, provider, prompt } = await game('sam');
    const ident = prompt.identify(emu.scenario.nodecraft.identRequest);
    await acceptRounds(prompt, 2);
    await ident;
    // A parent approves voice chat.
    const request = document.createElement('playgate-permission-request');
    provider.append(request);
    const created = next(request, 'playgate-challenge-created');
    const granted = next(request, 'playgate-permission-granted');
    void request.ask('voice-chat');
    const { challengeId } = (await created).detail;
    await emu.control('POST', `/challenges/${challengeId}/decide`, { approve: true });
    const { decision } = (await granted).detail;
    expect(decision).to.include({ kind: 'decision', vendor: 'k-id', outcome: 'granted', decidedBy: 'parent', challengeId, piiPrincipalId: 'sam' });
    expect(decision.permissions).to.deep.equal(['voice-chat']);

    const status = document.createElement('playgate-session-status');
    status.layout = 'history';
    provider.append(status);
    const text = () => status.shadowRoot?.textContent.replace(/\s+/g, ' ') ?? '';
    await waitFor(() => text().includes('A parent said yes to voice chat.') && text().includes('You agreed to the terms'), `the history; text is: ${text()}`);
    // Read from the game's server, not this device.
    expect(text()).to.not.contain('this device');
    const entries = [...(status.shadowRoot?.querySelectorAll('[part~="history-entry"]') ?? [])];
    expect(entries.map((entry) => entry.getAttribute('data-by')).slice(0, 2)).to.deep.equal(['parent', 'player']);
    expect(entries[0]?.querySelector('time')?.getAttribute('datetime')).to.equal(decision.decidedAt);

    // Each receipt reached the ledger once, as the client's, beside what the server saw itself.
    const ledger = await ledgerOf(emu, 'sam');
    const reported = ledger.filter((entry) => entry.source === 'client');
    expect(reported.filter((entry) => entry.receipt?.kind === 'consent')).to.have.length(2);
    expect(reported.filter((entry) => entry.receipt?.kind === 'decision' && entry.receipt.challengeId === challengeId)).to.have.length(1);
    expect(ledger.some((entry) => entry.source === 'server' && entry.observation?.challengeId === challengeId)).to.equal(true);

    // "Read it again" shows the same document, for reading only.
    status.shadowRoot?.querySelector<HTMLButtonElement>('[part~="history-review"]')?.click();
    await waitFor(() => prompt.shadowRoot?.querySelector('[part~="close"]') !== null, 'the document again');
    prompt.shadowRoot?.querySelector<HTMLButtonElement>('[part~="close"]')?.click();
  });
});

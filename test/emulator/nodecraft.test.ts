import { expect } from '@open-wc/testing';
import type { ConsentDocument, ConsentRequirement } from '../../src/model/index.js';
import { startEmulator, type TestEmulator } from '../support/emulator.js';
import { asPlaygateError, failure } from '../support/failure.js';

interface Signature {
  playerId: string;
  pageId: string;
  repeat: boolean;
}

/** Ident through every consent round, as the prompt will: returns the rounds it took. */
async function identThroughRounds(emu: TestEmulator) {
  const nodecraft = emu.nodecraft();
  const accepted: ConsentDocument[] = [];
  const rounds: ConsentRequirement[] = [];
  for (let round = 0; round < 5; round++) {
    try {
      const player = await nodecraft.identify(emu.scenario.nodecraft.identRequest, accepted);
      return { nodecraft, player, rounds };
    } catch (error) {
      const requirement = asPlaygateError(error).requirement;
      if (!requirement) throw error;
      rounds.push(requirement);
      accepted.push(await nodecraft.getDocument(requirement));
    }
  }
  throw new Error('too many rounds');
}

describe('emulator: Nodecraft', () => {
  it('child: Ident asks for game legal, then game rules, then succeeds with consents[]', async () => {
    const emu = await startEmulator('child');
    const { player, rounds } = await identThroughRounds(emu);
    expect(rounds.map((r) => `${r.scope}/${r.type ?? '?'}/${r.state}`)).to.deep.equal(['game/legal/missing', 'game/rules/missing']);
    expect(player.token).to.match(/^ncp_/);
    expect(player.displayName).to.equal('Pip');
    const signatures = await emu.control<Signature[]>('GET', '/nodecraft/signatures');
    // Each round re-sends earlier rounds' consents with the original body; each page is still signed once.
    expect(signatures.map((s) => s.pageId).sort()).to.deep.equal(['legal-game', 'legal-platform', 'rules-game']);
  });

  it('hands out the game documents as one text with every page to sign', async () => {
    const emu = await startEmulator('child');
    const doc = await emu.nodecraft().getDocument({ scope: 'game', state: 'missing', type: 'legal', action: { kind: 'ident', identType: 'steam' } });
    expect(doc.pages.map((p) => p.pageId)).to.deep.equal(['legal-platform', 'legal-game']);
    expect(doc.content).to.contain('Nodecraft Terms of Service').and.contain('Block Game Terms of Service');
  });

  it('outdated-terms: Ident says game_outdated, and signing the new revision lets the player in', async () => {
    const emu = await startEmulator('outdated-terms');
    const { rounds } = await identThroughRounds(emu);
    expect(rounds).to.deep.equal([{ scope: 'game', state: 'outdated', type: 'legal', action: { kind: 'ident', identType: 'steam' } }]);
  });

  it('publish-terms: a new revision makes signed terms outdated', async () => {
    const emu = await startEmulator('adult');
    await emu.nodecraft().identify(emu.scenario.nodecraft.identRequest);
    await emu.control('POST', '/events/publish-terms', { type: 'legal' });
    const error = await failure(emu.nodecraft().identify(emu.scenario.nodecraft.identRequest));
    expect(error.vendorCode).to.equal('consents.game_outdated');
    expect(error.requirement?.type).to.equal('legal');
  });

  it('server-rules: join asks for the server rules, which are signed once, then joins', async () => {
    const emu = await startEmulator('server-rules');
    const { nodecraft } = await identThroughRounds(emu);
    const serverId = emu.scenario.nodecraft.serverId;
    const error = await failure(nodecraft.joinServer(serverId));
    expect(error.requirement).to.deep.equal({ scope: 'server', state: 'missing', type: 'rules', action: { kind: 'join', serverId } });
    const rules = await nodecraft.getDocument(error.requirement!);
    expect(rules.content).to.contain('Creative Friends server rules');
    expect(rules.status).to.equal('missing');
    const outcome = await nodecraft.sign(error.requirement!, rules);
    expect(outcome.signed === 'now' && outcome.document.status).to.equal('signed');
    expect((await nodecraft.joinServer(serverId)).queueToken).to.be.a('string');
    const signatures = await emu.control<Signature[]>('GET', '/nodecraft/signatures');
    expect(signatures.filter((s) => s.pageId === 'rules-srv-rules')).to.have.length(1);
  });

  it('join raises layered 409s: game legal, then game rules, then server rules', async () => {
    const emu = await startEmulator('server-rules');
    const { nodecraft } = await identThroughRounds(emu);
    await emu.control('POST', '/events/publish-terms', { type: 'legal' });
    await emu.control('POST', '/events/publish-terms', { type: 'rules' });
    const seen: string[] = [];
    for (let round = 0; round < 5; round++) {
      try {
        await nodecraft.joinServer('srv-rules');
        break;
      } catch (error) {
        const requirement = asPlaygateError(error).requirement!;
        seen.push(`${requirement.scope}/${requirement.type ?? '?'}/${requirement.state}`);
        await nodecraft.sign(requirement, await nodecraft.getDocument(requirement));
      }
    }
    expect(seen).to.deep.equal(['game/legal/outdated', 'game/rules/outdated', 'server/rules/missing']);
  });

  it('asks for a server password, and refuses a wrong one', async () => {
    const emu = await startEmulator('adult');
    const nodecraft = emu.nodecraft();
    await nodecraft.identify(emu.scenario.nodecraft.identRequest);
    expect((await failure(nodecraft.joinServer('srv-locked'))).kind).to.equal('password_required');
    expect((await failure(nodecraft.joinServer('srv-locked', { password: 'nope' }))).kind).to.equal('invalid_password');
    expect((await nodecraft.joinServer('srv-locked', { password: 'letmein' })).queueToken).to.be.a('string');
  });

  it('refuses a wrong game token and a missing player token in the envelope', async () => {
    const emu = await startEmulator('adult');
    const response = await emu.raw('/nodecraft/v1/ident/token', {
      method: 'POST',
      headers: { 'x-nodecraft-token': 'wrong', 'Content-Type': 'application/json' },
      body: JSON.stringify(emu.scenario.nodecraft.identRequest),
    });
    expect(response.status).to.equal(401);
    expect(await response.json()).to.deep.equal({ code: 'auth.invalid_token', message: 'A valid game access token is required', success: false, data: null, error: true });
    expect((await failure(emu.nodecraft().joinServer('srv-open'))).kind).to.equal('session_expired');
  });

  it('accepts the token under the prose docs header name too', async () => {
    const emu = await startEmulator('adult');
    const response = await emu.raw('/nodecraft/v1/consents/game/rules', { headers: { 'x-nodecraft-auth': emu.scenario.nodecraft.gameToken } });
    expect(response.status).to.equal(200);
  });

  it('logs a second Sign Consents of the same revision as a repeat', async () => {
    const emu = await startEmulator('server-rules');
    const { nodecraft } = await identThroughRounds(emu);
    const requirement: ConsentRequirement = { scope: 'server', state: 'missing', type: 'rules', action: { kind: 'join', serverId: 'srv-rules' } };
    const rules = await nodecraft.getDocument(requirement);
    await nodecraft.sign(requirement, rules);
    await nodecraft.sign(requirement, rules);
    const log = await emu.control<Signature[]>('GET', '/nodecraft/signatures');
    expect(log.map((s) => s.repeat)).to.deep.equal([false, true]);
  });

  it('refuses signatures of an old revision', async () => {
    const emu = await startEmulator('adult');
    const nodecraft = emu.nodecraft();
    await nodecraft.identify(emu.scenario.nodecraft.identRequest);
    const requirement: ConsentRequirement = { scope: 'game', state: 'missing', type: 'legal', action: { kind: 'join', serverId: 'srv-open' } };
    const old = await nodecraft.getDocument(requirement);
    await emu.control('POST', '/events/publish-terms', { type: 'legal' });
    const error = await failure(nodecraft.sign(requirement, old));
    expect(error.status).to.equal(400);
    expect(error.vendorCode).to.equal('consents.invalid');
  });
});

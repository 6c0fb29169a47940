import { expect } from '@open-wc/testing';
import { NodecraftBackend } from '../../src/backends/index.js';
import { ConsentRequirementSchema, type ConsentRequirement } from '../../src/model/index.js';
import * as nc from '../fixtures/nodecraft.js';
import { describeTransport } from '../support/transport.js';
import { json, raw, script, type Wire } from '../support/wire.js';
import { failure } from '../support/failure.js';

function backend(wire: Wire, extra: Partial<ConstructorParameters<typeof NodecraftBackend>[0]> = {}) {
  return new NodecraftBackend({ baseUrl: wire.baseUrl, gameToken: () => 'game-token', retry: { baseDelayMs: 5 }, ...extra });
}

const identAction = { kind: 'ident', identType: 'steam' } as const;
const joinAction = { kind: 'join', serverId: 'srv-1' } as const;
const legalDoc = {
  type: 'legal' as const,
  content: nc.gameLegal.data.content,
  pages: [
    { pageId: nc.PAGE_A.page_id, pageContentId: nc.PAGE_A.page_content_id },
    { pageId: nc.PAGE_B.page_id, pageContentId: nc.PAGE_B.page_content_id },
  ],
};

describe('Nodecraft backend', () => {
  describe('Player Ident', () => {
    it('sends the body with the game token and reads the envelope', async () => {
      const wire = await script(json(200, nc.identSuccess));
      const player = await backend(wire).identify(nc.identRequest);
      expect(player).to.deep.equal({ token: 'player-token-secret', expiresAt: '2026-12-01T00:00:00Z', playerId: 'p-1', displayName: 'Block Fan' });
      const seen = await wire.only();
      expect(seen.method).to.equal('POST');
      expect(seen.path).to.equal('ident/token');
      expect(seen.headers['x-nodecraft-token']).to.equal('game-token');
      expect(JSON.parse(seen.body)).to.deep.equal(nc.identRequest);
    });

    const codes: Array<[string, Pick<ConsentRequirement, 'scope' | 'state'>]> = [
      ['consents.game_missing', { scope: 'game', state: 'missing' }],
      ['consents.game_outdated', { scope: 'game', state: 'outdated' }],
      ['consents.server_missing', { scope: 'server', state: 'missing' }],
      ['consents.server_outdated', { scope: 'server', state: 'outdated' }],
    ];
    for (const [code, expected] of codes) {
      it(`turns a 409 ${code} into a consent requirement`, async () => {
        const wire = await script(json(409, nc.conflict(code, 'legal')));
        const error = await failure(backend(wire).identify(nc.identRequest));
        expect(error.kind).to.equal('consent_required');
        expect(error.vendorCode).to.equal(code);
        expect(error.requirement).to.deep.equal({ ...expected, type: 'legal', action: identAction });
        expect(ConsentRequirementSchema.safeParse(error.requirement).success).to.equal(true);
      });
    }

    it('finds the consent type at the top level too, and leaves it unknown when absent', async () => {
      const wire = await script(json(409, { code: 'consents.game_missing', type: 'rules' }), json(409, nc.conflict('consents.game_missing')));
      const http = backend(wire);
      expect((await failure(http.identify(nc.identRequest))).requirement?.type).to.equal('rules');
      const untyped = (await failure(http.identify(nc.identRequest))).requirement;
      expect(untyped).to.deep.equal({ scope: 'game', state: 'missing', action: identAction });
    });

    it('reads a 409 with no body as a plain conflict, not a consent', async () => {
      const wire = await script(raw(409, ''));
      expect((await failure(backend(wire).identify(nc.identRequest))).kind).to.equal('conflict');
    });

    it('re-sends the original body with one consents[] entry per page', async () => {
      const wire = await script(json(200, nc.identSuccess));
      await backend(wire).identify(nc.identRequest, [legalDoc]);
      expect(JSON.parse((await wire.only()).body)).to.deep.equal({
        type: 'steam',
        data: { ticket: 'abc', identity: 'abc' },
        consents: [
          { type: 'legal', ...nc.PAGE_A },
          { type: 'legal', ...nc.PAGE_B },
        ],
      });
    });

    it('signs with the action: no call of its own', async () => {
      const wire = await script();
      const requirement = { scope: 'game', state: 'missing', type: 'legal', action: identAction } as const;
      expect(await backend(wire).sign(requirement, legalDoc)).to.deep.equal({ signed: 'with-action' });
      expect(await wire.requests()).to.have.length(0);
    });

    it('fetches the game documents with the game token and the ident type', async () => {
      const wire = await script(json(200, nc.gameLegal));
      const doc = await backend(wire).getDocument({ scope: 'game', state: 'missing', type: 'legal', action: identAction });
      expect(doc).to.deep.equal(legalDoc);
      const seen = await wire.only();
      expect(seen.path).to.equal('consents/game/legal');
      expect(seen.query).to.deep.equal({ ident_type: 'steam' });
      expect(seen.headers['x-nodecraft-token']).to.equal('game-token');
    });

    it('fetches legal when the type is unknown, as the official plugin does', async () => {
      const wire = await script(json(200, nc.gameLegal));
      await backend(wire).getDocument({ scope: 'game', state: 'missing', action: identAction });
      expect((await wire.only()).path).to.equal('consents/game/legal');
    });

    it('fetches game rules from the rules path', async () => {
      const wire = await script(json(200, { ...nc.gameLegal, data: { ...nc.gameLegal.data, content: 'Rules' } }));
      const doc = await backend(wire).getDocument({ scope: 'game', state: 'missing', type: 'rules', action: identAction });
      expect(doc.type).to.equal('rules');
      expect((await wire.only()).path).to.equal('consents/game/rules');
    });
  });

  describe('Server Join', () => {
    async function signedIn(...rest: Parameters<typeof script>) {
      const wire = await script(json(200, nc.identSuccess), ...rest);
      const http = backend(wire);
      await http.identify(nc.identRequest);
      return { wire, http, calls: async () => (await wire.requests()).slice(1) };
    }

    it('joins with the player token from Ident and reads the queue token', async () => {
      const { http, calls } = await signedIn(json(200, nc.ok('server.join', 'queue-123')));
      expect(await http.joinServer('srv-1')).to.deep.equal({ queueToken: 'queue-123' });
      const [join] = await calls();
      expect(join!.path).to.equal('server/srv-1/join');
      expect(join!.headers['x-nodecraft-token']).to.equal('player-token-secret');
      expect(JSON.parse(join!.body)).to.deep.equal({});
    });

    it('reads a queue token wrapped in an object, and sends a password', async () => {
      const { http, calls } = await signedIn(json(200, nc.ok('server.join', { token: 'q-9' })));
      expect(await http.joinServer('srv-1', { password: 'hunter2' })).to.deep.equal({ queueToken: 'q-9' });
      expect(JSON.parse((await calls())[0]!.body)).to.deep.equal({ password: 'hunter2' });
    });

    it('turns a server 409 into a requirement tied to the server', async () => {
      const { http } = await signedIn(json(409, nc.conflict('consents.server_outdated', 'rules')));
      const error = await failure(http.joinServer('srv-1'));
      expect(error.requirement).to.deep.equal({ scope: 'server', state: 'outdated', type: 'rules', action: joinAction });
    });

    it('reports password errors by kind', async () => {
      const { http } = await signedIn(
        json(400, nc.failure('discovery.server.password_required')),
        json(400, nc.failure('discovery.server.invalid_password')),
      );
      expect((await failure(http.joinServer('srv-1'))).kind).to.equal('password_required');
      expect((await failure(http.joinServer('srv-1', { password: 'x' }))).kind).to.equal('invalid_password');
    });

    it('reads player legal documents with their status', async () => {
      const { http, calls } = await signedIn(json(200, nc.playerLegal));
      const doc = await http.getDocument({ scope: 'game', state: 'outdated', type: 'legal', action: joinAction });
      expect(doc.status).to.equal('outdated');
      expect(doc.signedAt).to.equal(undefined);
      expect(doc.pages).to.have.length(2);
      expect((await calls())[0]!.path).to.equal('consents/player/legal');
    });

    it('reads server rules from Get Server', async () => {
      const { http, calls } = await signedIn(json(200, nc.server));
      const doc = await http.getDocument({ scope: 'server', state: 'missing', type: 'rules', action: joinAction });
      expect(doc).to.deep.equal({ type: 'rules', content: 'No griefing.', pages: [{ pageId: 'r1', pageContentId: 'rc1' }], status: 'missing' });
      expect((await calls())[0]!.path).to.equal('server/srv-1');
    });

    it('signs with a bare array, one entry per page, and reads the signed result', async () => {
      const { http, calls } = await signedIn(json(200, nc.signedLegal));
      const outcome = await http.sign({ scope: 'game', state: 'outdated', type: 'legal', action: joinAction }, legalDoc);
      expect(outcome.signed).to.equal('now');
      expect(outcome.signed === 'now' && outcome.document.status).to.equal('signed');
      expect(outcome.signed === 'now' && outcome.document.signedAt).to.equal('2026-11-21T10:00:00Z');
      const [sign] = await calls();
      expect(sign!.method).to.equal('POST');
      expect(sign!.path).to.equal('consents/player/legal');
      const body = JSON.parse(sign!.body) as unknown;
      expect(body).to.be.an('array');
      expect(body).to.deep.equal([
        { ...nc.PAGE_A, type: 'legal' },
        { ...nc.PAGE_B, type: 'legal' },
      ]);
    });

    it('never repeats a failed signature by itself', async () => {
      const { http, calls } = await signedIn(json(500, nc.failure('internal')), json(200, nc.signedLegal));
      const error = await failure(http.sign({ scope: 'server', state: 'missing', type: 'rules', action: joinAction }, { ...legalDoc, type: 'rules' }));
      expect(error.kind).to.equal('server');
      expect(await calls()).to.have.length(1);
    });

    it('reports a refused player token as an expired sign-in', async () => {
      const { http } = await signedIn(json(401, nc.failure('auth.invalid_token', 'Token expired')));
      const error = await failure(http.joinServer('srv-1'));
      expect(error.kind).to.equal('session_expired');
      expect(error.message).to.equal('Token expired');
    });
  });

  describeTransport({
    ok: nc.gameLegal,
    wrongShape: { body: nc.ok('consents.legal', { consents: [], content: 42 }), path: 'data.content' },
    call: (wire, options) => backend(wire).getDocument({ scope: 'game', state: 'missing', type: 'legal', action: identAction }, options),
  });

  describe('auth and envelope', () => {
    it('uses the prose docs header name when told to', async () => {
      const wire = await script(json(200, nc.identSuccess));
      await backend(wire, { tokenHeader: 'x-nodecraft-auth' }).identify(nc.identRequest);
      const seen = await wire.only();
      expect(seen.headers['x-nodecraft-auth']).to.equal('game-token');
      expect(seen.headers).not.to.have.property('x-nodecraft-token');
    });

    it('uses a player token the game already holds', async () => {
      const wire = await script(json(200, nc.playerLegal));
      await backend(wire, { playerToken: () => 'held' }).getDocument({ scope: 'game', state: 'missing', type: 'legal', action: joinAction });
      expect((await wire.only()).headers['x-nodecraft-token']).to.equal('held');
    });

    it('rejects an envelope whose data is the wrong shape, naming the path', async () => {
      const wire = await script(json(200, nc.ok('consents.legal', { consents: [{ page_id: 1 }], content: 'x' })));
      const error = await failure(backend(wire).getDocument({ scope: 'game', state: 'missing', type: 'legal', action: identAction }));
      expect(error.kind).to.equal('invalid_response');
      expect(error.path).to.equal('data.consents[0].page_id');
    });

    it('keeps the vendor message of an error envelope', async () => {
      const wire = await script(json(400, nc.failure('ident.invalid_ticket', 'Steam ticket invalid')));
      const error = await failure(backend(wire).identify(nc.identRequest));
      expect(error.kind).to.equal('bad_request');
      expect(error.vendorCode).to.equal('ident.invalid_ticket');
      expect(error.message).to.equal('Steam ticket invalid');
    });
  });
});

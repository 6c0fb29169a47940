/// <reference types="node" />
// The player proving their own age (wire.md A.7), as the emulator stands in for k-ID and
// the proxy passes it on: k-ID's validation, ownership, the player's page and its webhook.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStream } from './support/sse.js';
import { startStack, type Stack } from './support/stack.js';

const json = (value: unknown) => JSON.stringify(value);
type Wire = { session: { ageCategory?: string; ageVerificationStatus?: string; permissions: Array<{ name: string; enabled: boolean; managedBy: string }> } };

describe('age verification for an unverified adult', () => {
  let stack: Stack;
  const kid = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.emulator.url}/kid/api/v1/${path}`, { ...init, headers: { Authorization: `Bearer ${stack.emulator.emulator.config.kidApiKey}`, 'Content-Type': 'application/json' } });

  before(async () => {
    stack = await startStack('unverified-adult');
    await stack.proxy.hub.players.setSession('sam', 'session-sam');
  });
  after(async () => {
    await stack.close();
  });

  it("rejects what k-ID rejects: age fields at the top level, no criteria, and get-status's `verificationId` (400, empty body)", async () => {
    for (const misplaced of [{ age: 30 }, { ageCategory: 'ADULT' }, { minimumAge: 18 }]) {
      const response = await kid('age-verification/perform-access-age-verification', { method: 'POST', body: json({ jurisdiction: 'US-CA', criteria: { ageCategory: 'ADULT' }, ...misplaced }) });
      assert.equal(response.status, 400, json(misplaced));
    }
    assert.equal((await kid('age-verification/perform-access-age-verification', { method: 'POST', body: json({ jurisdiction: 'US-CA' }) })).status, 400);
    const wrongName = await kid('age-verification/get-status?verificationId=x');
    assert.deepEqual([wrongName.status, await wrongName.text()], [400, '']);
  });

  it("shows the minor defaults with ageCategory and ageVerificationStatus 'unverified'", async () => {
    const { session } = (await (await stack.call('session/get', { player: 'sam' })).json()) as Wire;
    assert.deepEqual([session.ageCategory, session.ageVerificationStatus], ['adult', 'unverified']);
    assert.equal(session.permissions.find((p) => p.name === 'voice-chat')?.enabled, false);
    assert.equal(session.permissions.find((p) => p.name === 'text-chat-public')?.enabled, true);
  });

  it("verifies through the proxy: the player's own session, only they read it, and the check lifts the defaults", async () => {
    const stream = await openStream(`${stack.url}/api/kid/events`, { cookie: 'player=sam' });
    try {
      const started = await stack.call('age-verification/perform-access-age-verification', { method: 'POST', player: 'sam', body: json({ jurisdiction: 'US-CA', criteria: { ageCategory: 'ADULT' } }) });
      assert.equal(started.status, 200);
      const { id, url } = (await started.json()) as { id: string; url: string };
      assert.equal((await stack.call(`age-verification/get-status?id=${id}`, { player: 'pip' })).status, 403);
      assert.equal(((await (await stack.call(`age-verification/get-status?id=${id}`, { player: 'sam' })).json()) as { status: string }).status, 'PENDING');
      // Another player's session is not theirs to verify.
      const stranger = await stack.call('age-verification/perform-access-age-verification', { method: 'POST', player: 'sam', body: json({ sessionId: 'session-pip', jurisdiction: 'US-CA', criteria: { ageCategory: 'ADULT' } }) });
      assert.equal(stranger.status, 403);

      const page = await (await fetch(url)).text();
      assert.match(page, /Pass the check/);
      const decided = await fetch(`${stack.emulator.url}/verify/decide`, { method: 'POST', body: new URLSearchParams({ v: id, result: 'pass' }) });
      assert.match(await decided.text(), /postMessage\(\{"eventType":"Verification.Result","data":\{"id":"[^"]+","status":"PASS"\}\}/);
      assert.equal(((await (await stack.call(`age-verification/get-status?id=${id}`, { player: 'sam' })).json()) as { status: string }).status, 'PASS');

      const { session } = (await (await stack.call('session/get', { player: 'sam' })).json()) as Wire;
      assert.equal(session.ageVerificationStatus, 'verified');
      assert.equal(session.permissions.find((p) => p.name === 'voice-chat')?.managedBy, 'PLAYER');
      const pushed = JSON.parse((await stream.next(1000)).data) as unknown;
      assert.deepEqual(pushed, { type: 'verification-changed', verificationId: id, status: 'PASS', sessionId: 'session-sam' });
    } finally {
      stream.close();
    }
  });
});

describe('a threshold permission: age assurance, not a parent', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack('adult');
    await stack.proxy.hub.players.setSession('sam', 'session-sam');
  });
  after(async () => {
    await stack.close();
  });
  const upgrade = async () => {
    const answer = (await (await stack.call('session/upgrade', { method: 'POST', player: 'sam', body: json({ requestedPermissions: [{ name: 'loot-boxes-paid-gameplay-impacting' }] }) })).json()) as { challenge: { challengeId: string; type: string; url: string } };
    return answer.challenge;
  };
  const lootBoxes = async () => ((await (await stack.call('session/get', { player: 'sam' })).json()) as Wire).session.permissions.find((p) => p.name === 'loot-boxes-paid-gameplay-impacting');

  it("answers a challenge whose url is the player's own check; a parent's PASS that the switch leaves off stays off", async () => {
    await stack.control('/config', { passLeavesPermissionsOff: true });
    const challenge = await upgrade();
    assert.equal(challenge.type, 'CHALLENGE_SESSION_UPGRADE_BY_AGE_ASSURANCE');
    assert.match(challenge.url, /\/verify\?c=/);
    await fetch(`${stack.emulator.url}/verify/decide`, { method: 'POST', body: new URLSearchParams({ c: challenge.challengeId, result: 'pass' }) });
    assert.equal(((await (await stack.call(`challenge/get-status?challengeId=${challenge.challengeId}`, { player: 'sam' })).json()) as { status: string }).status, 'PASS');
    assert.equal((await lootBoxes())?.enabled, false);
    await stack.control('/config', { passLeavesPermissionsOff: false });
  });

  it('turns the permission on when the check passes, and a failed check leaves it off', async () => {
    await stack.control('/reset', { name: 'adult' });
    const failing = await upgrade();
    await fetch(`${stack.emulator.url}/verify/decide`, { method: 'POST', body: new URLSearchParams({ c: failing.challengeId, result: 'fail' }) });
    assert.equal((await lootBoxes())?.enabled, false);
    const passing = await upgrade();
    await fetch(`${stack.emulator.url}/verify/decide`, { method: 'POST', body: new URLSearchParams({ c: passing.challengeId, result: 'pass' }) });
    assert.equal((await lootBoxes())?.enabled, true);
  });

  it('offers limited access on parental challenges when the switch is on', async () => {
    await stack.control('/config', { limitedAccess: true });
    const asked = (await (await stack.call('age-gate/check', { method: 'POST', player: 'kid', body: json({ jurisdiction: 'US-CA', age: 8 }) })).json()) as { challenge: { childLiteAccessEnabled?: boolean } };
    assert.equal(asked.challenge.childLiteAccessEnabled, true);
    await stack.control('/config', { limitedAccess: false });
  });
});

import { expect } from '@open-wc/testing';
import { diffSessions } from '../../src/flows/session-diff.js';
import { describeChanges } from '../../src/i18n/changes.js';
import { en } from '../../src/i18n/en.js';
import type { Session } from '../../src/model/index.js';

const base: Session = {
  sessionId: 's1',
  status: 'ACTIVE',
  ageStatus: 'DIGITAL_MINOR',
  permissions: [
    { name: 'voice-chat', enabled: false, managedBy: 'GUARDIAN' },
    { name: 'text-chat-private', enabled: false, managedBy: 'GUARDIAN' },
    { name: 'targeted-ads', enabled: false, managedBy: 'PROHIBITED' },
  ],
};

function withPermission(name: string, patch: Partial<Session['permissions'][number]>, session: Session = base): Session {
  return { ...session, permissions: session.permissions.map((p) => (p.name === name ? { ...p, ...patch } : p)) };
}

const words = (before: Session, after: Session, approved: string[] = []) => {
  const diff = diffSessions(before, after, approved);
  return diff ? { cause: diff.cause, lines: describeChanges(diff, en, (n) => n.replace(/-/g, ' ')) } : undefined;
};

describe('session diff', () => {
  it('finds nothing when nothing that matters changed', () => {
    expect(diffSessions(base, { ...base, etag: 'new' })).to.equal(undefined);
  });

  it('reads a loosened manager with an older age band as an age-up', () => {
    const after = { ...withPermission('text-chat-private', { managedBy: 'PLAYER' }), ageStatus: 'DIGITAL_YOUTH' as const };
    expect(words(base, after)).to.deep.equal({ cause: 'age-up', lines: ['You can now turn on text chat private yourself.'] });
  });

  it("reads a feature a parent switched as the parent's doing", () => {
    expect(words(base, withPermission('voice-chat', { enabled: true }))).to.deep.equal({ cause: 'parent', lines: ['A parent turned on voice chat.'] });
    const on = withPermission('voice-chat', { enabled: true });
    expect(words(on, base)?.lines).to.deep.equal(['A parent turned off voice chat.']);
  });

  it('reads a feature a challenge just approved as an approval', () => {
    expect(words(base, withPermission('voice-chat', { enabled: true }), ['voice-chat'])).to.deep.equal({
      cause: 'approval',
      lines: ['Your request was approved: voice chat is on.'],
    });
  });

  it('reads a new session id as consent given again', () => {
    expect(words(base, { ...base, sessionId: 's2' })).to.deep.equal({ cause: 'new-session', lines: ['Your account was set up again.'] });
  });

  it('words tightening too: a parent now decides, no longer available', () => {
    const adult = withPermission('voice-chat', { managedBy: 'PLAYER' });
    expect(words(adult, base)?.lines).to.deep.equal(['A parent now decides about voice chat.']);
    expect(words(base, withPermission('voice-chat', { managedBy: 'PROHIBITED' }))?.lines).to.deep.equal(['voice chat is no longer available.']);
  });

  it('notices added and removed permissions', () => {
    const added = { ...base, permissions: [...base.permissions, { name: 'new-thing', enabled: false, managedBy: 'PLAYER' as const }] };
    expect(diffSessions(base, added)?.changes).to.deep.equal([{ kind: 'added', permission: 'new-thing' }]);
    expect(diffSessions(added, base)?.changes).to.deep.equal([{ kind: 'removed', permission: 'new-thing' }]);
  });
});

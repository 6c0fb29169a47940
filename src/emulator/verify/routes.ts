import { Hono } from 'hono';
import type { EmulatorContext } from '../context.js';
import { escapeHtml as e } from '../http.js';
import { decideVerification } from '../kid/verification.js';
import { layout } from '../parent/page.js';

// The player's side of an age check, shown in the widget's frame: a stand-in for k-ID's
// AgeKit+ (a selfie, an ID or a passkey at k-ID), with a button for each outcome. Like
// k-ID's, it tells the page that holds it by postMessage; the widget treats that as a hint.

/** The check a link names: a verification the player started, or an age-assurance challenge. */
type Found = { kind: 'verification'; id: string; pending: boolean } | { kind: 'challenge'; id: string; pending: boolean };

export function verifyRoutes(ctx: EmulatorContext): Hono {
  const app = new Hono();
  const find = (v?: string, c?: string): Found | undefined => {
    const verification = v ? ctx.kid.verifications.get(v) : undefined;
    if (verification) return { kind: 'verification', id: verification.id, pending: verification.state === 'PENDING' };
    const challenge = c ? ctx.kid.challenges.get(c) : undefined;
    if (challenge?.type === 'CHALLENGE_SESSION_UPGRADE_BY_AGE_ASSURANCE') return { kind: 'challenge', id: challenge.challengeId, pending: challenge.state === 'PENDING' || challenge.state === 'IN_PROGRESS' };
    return undefined;
  };

  app.get('/', (c) => {
    const found = find(c.req.query('v'), c.req.query('c'));
    if (!found) return c.html(layout('Age check', '<h1>This age check has expired</h1><p>Close this and start again from the game.</p>', 'player'), 404);
    if (!found.pending) return c.html(resultPage(found, 'This check is already finished.'));
    const field = found.kind === 'verification' ? 'v' : 'c';
    return c.html(
      layout(
        'Check your age',
        `<h1>Check your age</h1>
<div class="card"><p>At k-ID, this is where you prove your age: with a selfie, an ID or a passkey. Here, choose how the check ends.</p></div>
<form method="post" action="${e(ctx.publicBase(c))}/verify/decide">
<input type="hidden" name="${field}" value="${e(found.id)}">
<div class="actions">
<button class="approve" name="result" value="pass">Pass the check</button>
<button class="deny" name="result" value="fail">Fail the check</button>
</div>
</form>`,
        'player',
      ),
    );
  });

  app.post('/decide', async (c) => {
    const form = await c.req.parseBody();
    const text = (name: string) => (typeof form[name] === 'string' ? form[name] : undefined);
    const found = find(text('v'), text('c'));
    if (!found) return c.html(layout('Age check', '<h1>This age check has expired</h1>', 'player'), 404);
    const passed = text('result') === 'pass';
    if (found.pending) {
      if (found.kind === 'verification') {
        const verification = ctx.kid.verifications.get(found.id);
        if (verification) decideVerification(ctx, verification, passed);
      } else {
        const challenge = ctx.kid.challenges.get(found.id);
        if (challenge) ctx.kid.decide(challenge, passed);
      }
    }
    return c.html(resultPage(found, passed ? 'Your age is checked. You can go back to the game.' : 'The check did not work this time.'));
  });

  /** The outcome, and the hint to the page that holds the frame (as k-ID's own widget sends one). */
  function resultPage(found: Found, message: string): string {
    const status = found.kind === 'verification' ? ctx.kid.verifications.get(found.id)?.state : ctx.kid.challenges.get(found.id)?.state;
    const hint = JSON.stringify({ eventType: 'Verification.Result', data: { id: found.id, status } }).replace(/</g, '\\u003c');
    return layout('Age check', `<h1>${e(message)}</h1><script>if (parent !== self) parent.postMessage(${hint}, '*');</script>`, 'player');
  }

  return app;
}

import { escapeHtml as e } from '../http.js';
import type { EmuChallenge } from '../kid/state.js';
import { permissionDefinition, PRODUCT } from '../world.js';

// The parent's device: a stand-in for k-ID's family portal. Plain HTML forms, so it works
// on any phone, with a keyboard, and without JavaScript.

const STYLE = `
  :root { color-scheme: light dark; font: 18px/1.5 system-ui, sans-serif; }
  body { margin: 0; background: Canvas; color: CanvasText; }
  main { max-width: 32rem; margin: 0 auto; padding: 1.25rem; }
  h1 { font-size: 1.5rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
  .brand { font-size: 0.9rem; opacity: 0.8; margin: 0; }
  .card { border: 1px solid color-mix(in srgb, CanvasText 25%, transparent); border-radius: 12px; padding: 1rem; margin: 1rem 0; }
  ul { padding-left: 1.25rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 0.25rem; }
  input { font: inherit; width: 100%; box-sizing: border-box; padding: 0.6rem 0.75rem; border-radius: 8px; border: 2px solid color-mix(in srgb, CanvasText 45%, transparent); }
  input.code { font: 600 1.6rem/1.2 ui-monospace, monospace; letter-spacing: 0.2em; text-transform: uppercase; }
  .hint { font-size: 0.9rem; opacity: 0.85; margin: 0.25rem 0 0; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin-top: 1.25rem; }
  button { font: inherit; font-weight: 600; min-height: 48px; padding: 0.6rem 1.25rem; border-radius: 999px; border: 2px solid transparent; cursor: pointer; flex: 1 1 10rem; }
  .approve { background: #1a7f37; color: #fff; }
  .deny { background: transparent; color: inherit; border-color: currentColor; }
  .primary { background: #2f5bd3; color: #fff; }
  :focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
  .error { border-left: 4px solid #c4321c; padding-left: 0.75rem; }
  @media (forced-colors: active) { button { border-color: ButtonText; } }
`;

/** Whose device the page is for: a parent's (k-ID's family portal) or the player's own age check. */
const BRANDS = {
  parent: { title: 'Parent approval', line: "Parent approval · stands in for k-ID's family portal" },
  player: { title: 'Age check', line: "Age check · stands in for k-ID's AgeKit+" },
};

export function layout(title: string, body: string, brand: keyof typeof BRANDS = 'parent'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} · ${BRANDS[brand].title} (playgate emulator)</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="brand">${BRANDS[brand].line}</p>
${body}
</main>
</body>
</html>`;
}

export function codeEntryPage(base: string, problem?: string): string {
  return layout(
    'Enter the code',
    `<h1>Enter the code from your child's screen</h1>
${problem ? `<p class="error" role="alert">${e(problem)}</p>` : ''}
<form method="get" action="${e(base)}/parent">
  <label for="otp">Code</label>
  <input id="otp" name="otp" class="code" autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" required minlength="4" maxlength="12" aria-describedby="otp-hint">
  <p class="hint" id="otp-hint">Six letters and numbers, shown next to a QR code in ${e(PRODUCT.name)}.</p>
  <div class="actions"><button class="primary" type="submit">Continue</button></div>
</form>`,
  );
}

function describe(challenge: EmuChallenge): { heading: string; detail: string } {
  const { purpose } = challenge;
  if (purpose.kind === 'age-gate') {
    return {
      heading: `Your child wants to play ${PRODUCT.name}`,
      detail: `<p>A child aged ${purpose.age} (${e(purpose.jurisdiction)}) is asking to start playing. If you agree, ${e(PRODUCT.name)} creates their account. Chat and other features stay off until you allow them.</p>`,
    };
  }
  const items = purpose.permissions
    .map((name) => {
      const definition = permissionDefinition(name);
      return `<li><strong>${e(definition?.label ?? name)}</strong>: ${e(definition?.description ?? 'a feature of the game')}</li>`;
    })
    .join('');
  if (challenge.type === 'CHALLENGE_SESSION_UPGRADE_BY_AGE_ASSURANCE') {
    return {
      heading: 'Confirm the player\'s age',
      detail: `<p>This feature needs a verified age. In the emulator, confirming here stands in for k-ID's age check.</p><ul>${items}</ul>`,
    };
  }
  return { heading: `Your child is asking to use ${purpose.permissions.length === 1 ? 'a feature' : 'some features'} in ${PRODUCT.name}`, detail: `<ul>${items}</ul>` };
}

export function requestPage(base: string, challenge: EmuChallenge, proof: { name: 'otp' | 't'; value: string }): string {
  const { heading, detail } = describe(challenge);
  const ageCheck = challenge.type === 'CHALLENGE_SESSION_UPGRADE_BY_AGE_ASSURANCE';
  return layout(
    heading,
    `<h1>${e(heading)}</h1>
<div class="card">${detail}</div>
<form method="post" action="${e(base)}/parent/decide">
  <input type="hidden" name="challengeId" value="${e(challenge.challengeId)}">
  <input type="hidden" name="${proof.name}" value="${e(proof.value)}">
  ${ageCheck ? '' : `<label for="email">Your email (optional)</label>
  <input id="email" name="email" type="email" autocomplete="email" aria-describedby="email-hint">
  <p class="hint" id="email-hint">So future requests from your child can reach you.</p>`}
  <div class="actions">
    <button class="approve" type="submit" name="decision" value="approve">${ageCheck ? 'Confirm age' : 'Approve'}</button>
    <button class="deny" type="submit" name="decision" value="deny">${ageCheck ? 'Do not confirm' : 'Deny'}</button>
  </div>
</form>`,
  );
}

export function donePage(base: string, approved: boolean): string {
  const heading = approved ? 'Approved' : 'Denied';
  const text = approved
    ? 'Thank you. Your child\'s game updates by itself in a moment. You can close this page.'
    : 'Your child will see that you said no this time. You can close this page.';
  return layout(heading, `<h1 role="status">${heading}</h1><p>${text}</p><p><a href="${e(base)}/parent">Enter another code</a></p>`);
}

export function alreadyDecidedPage(base: string, challenge: EmuChallenge): string {
  return layout('Already answered', `<h1>This request was already answered</h1><p>It was ${challenge.state === 'PASS' ? 'approved' : 'denied'}. You can close this page.</p><p><a href="${e(base)}/parent">Enter another code</a></p>`);
}

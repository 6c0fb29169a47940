import { css, unsafeCSS } from 'lit';

/**
 * System tokens. Games override the `--playgate-*` custom properties on any ancestor
 * (or on `<playgate-provider>`); component tokens fall back to these.
 */
export const tokens = css`
  :host {
    --_surface: var(--playgate-color-surface, #ffffff);
    --_text: var(--playgate-color-text, #1b1d24);
    --_muted: var(--playgate-color-muted, #5a5f6e);
    --_border: var(--playgate-color-border, #c9ccd6);
    --_accent: var(--playgate-color-accent, #2f5bd3);
    --_on-accent: var(--playgate-color-on-accent, #ffffff);
    --_positive: var(--playgate-color-positive, #1a7f37);
    --_warning: var(--playgate-color-warning, #8a5a00);
    --_danger: var(--playgate-color-danger, #b42318);
    --_radius: var(--playgate-radius, 12px);
    --_space: var(--playgate-space, 8px);
    --_font: var(--playgate-font, system-ui, -apple-system, 'Segoe UI', sans-serif);
    --_focus: var(--playgate-color-focus, #ffbf47);
    font-family: var(--_font);
    color: var(--_text);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;

// Dark values, for theme="dark", and for theme="auto" when the player's system is dark.
const DARK = `
    --playgate-color-surface: #1c1f27;
    --playgate-color-text: #f2f3f7;
    --playgate-color-muted: #b4b8c5;
    --playgate-color-border: #454a59;
    --playgate-color-accent: #8fb0ff;
    --playgate-color-on-accent: #0c1430;
    --playgate-color-positive: #6fdc8c;
    --playgate-color-warning: #f5c451;
    --playgate-color-danger: #ff8a80;
`;

/**
 * The provider's themes, for everything inside it: `light`, `dark`, `auto` (light or
 * dark as the system prefers) and `hud`, a game skin: near-black glass, gold accents,
 * squarer corners, for overlays over a running scene.
 */
export const themes = css`
  :host([theme='dark']) {
    ${unsafeCSS(DARK)}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${unsafeCSS(DARK)}
    }
  }
  :host([theme='hud']) {
    --playgate-color-surface: #0d111c;
    --playgate-color-text: #f4f7ff;
    --playgate-color-muted: #b9c3dc;
    --playgate-color-border: #3a4666;
    --playgate-color-accent: #ffd34d;
    --playgate-color-on-accent: #1a1400;
    --playgate-color-positive: #7dff9a;
    --playgate-color-warning: #ffd34d;
    --playgate-color-danger: #ff9b8f;
    --playgate-color-focus: #5ee7ff;
    --playgate-radius: 4px;
    --playgate-font: ui-rounded, 'Trebuchet MS', system-ui, sans-serif;
  }
`;

export const buttonStyles = css`
  button {
    font: inherit;
    font-weight: 600;
    min-height: 44px;
    min-width: 44px;
    padding: 0 calc(var(--_space) * 2);
    border-radius: 999px;
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }
  button.quiet {
    background: transparent;
    color: var(--_text);
    border-color: var(--_border);
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
  }
`;

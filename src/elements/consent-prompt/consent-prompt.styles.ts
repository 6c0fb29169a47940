import { css } from 'lit';

export const consentPromptStyles = css`
  :host {
    display: contents;
  }
  :host([inline]) {
    display: block;
  }
  dialog {
    border: none;
    padding: 0;
    background: transparent;
    max-width: min(40rem, calc(100vw - 2rem));
    width: 100%;
    color: inherit;
  }
  dialog::backdrop {
    background: var(--playgate-backdrop, rgb(10 12 20 / 0.6));
  }
  [part='panel'] {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2.5);
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1.5);
    max-height: calc(100dvh - 2rem);
    box-sizing: border-box;
  }
  h2 {
    margin: 0;
    font-size: 1.35rem;
    line-height: 1.25;
    /* One long word ("Nutzungsbedingungen") must not overflow a 320 px screen. */
    overflow-wrap: anywhere;
    hyphens: auto;
  }
  p {
    margin: 0;
  }
  [part='step'] {
    color: var(--_muted);
    font-size: 0.9rem;
  }
  [part='document'] {
    /* One text node, laid out once; no content-visibility, whose estimated heights would
       let "scrolled to the end" fire early. */
    white-space: pre-wrap;
    overflow-wrap: break-word;
    overflow: auto;
    max-height: 50vh;
    min-height: 6rem;
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    line-height: 1.55;
  }
  [part='hint'] {
    color: var(--_muted);
    font-size: 0.9rem;
  }
  [part='error'] {
    color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap-reverse;
    justify-content: flex-end;
    gap: var(--_space);
  }
  button[disabled] {
    opacity: 0.55;
    cursor: not-allowed;
  }
`;

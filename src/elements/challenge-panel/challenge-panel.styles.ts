import { css } from 'lit';

export const challengePanelStyles = css`
  :host {
    display: block;
  }
  [part='panel'] {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  h2 {
    margin: 0;
    font-size: 1.25rem;
    line-height: 1.3;
  }
  p {
    margin: 0;
    /* A site name or a link may be longer than a phone is wide. */
    overflow-wrap: anywhere;
  }
  [part='qr'] {
    width: var(--playgate-qr-size, 192px);
    height: var(--playgate-qr-size, 192px);
    max-width: 100%;
    align-self: center;
  }
  [part='qr'] svg {
    display: block;
    width: 100%;
    height: 100%;
  }
  .code-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  [part='code'] {
    font-family: ui-monospace, 'Cascadia Mono', Menlo, Consolas, monospace;
    font-size: 2rem;
    font-weight: 700;
    letter-spacing: 0.2em;
    padding: 0 var(--_space);
    border: 1px dashed var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
  }
  [part='progress'] {
    font-weight: 600;
    color: var(--_accent);
  }
  [part='email'] {
    border-top: 1px solid var(--_border);
    padding-top: var(--_space);
  }
  [part='countdown'],
  .hint {
    color: var(--_muted);
    font-size: 0.9rem;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    align-items: flex-start;
  }
  input {
    font: inherit;
    min-height: 44px;
    box-sizing: border-box;
    width: min(100%, 22rem);
    padding: 0 var(--_space);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: var(--_text);
  }
  a {
    color: var(--_accent);
  }
  .good {
    color: var(--_positive);
  }
  .problem {
    color: var(--_danger);
  }
  .actions {
    display: flex;
    justify-content: flex-end;
  }
  button[disabled] {
    opacity: 0.55;
    cursor: not-allowed;
  }
`;

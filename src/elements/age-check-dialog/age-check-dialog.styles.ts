import { css } from 'lit';

export const ageCheckDialogStyles = css`
  dialog {
    box-sizing: border-box;
    width: min(var(--playgate-age-check-width, 480px), calc(100vw - 16px));
    height: min(720px, calc(100dvh - 48px));
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: 16px;
    background: var(--_surface);
    color: var(--_text);
    overflow: hidden;
  }
  dialog[open] {
    display: flex;
    flex-direction: column;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.55);
  }
  [part='bar'] {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    padding: 0 4px 0 calc(var(--_space) * 2);
    min-height: 48px;
    border-bottom: 1px solid var(--_border);
  }
  h2 {
    margin: 0;
    font-size: 1rem;
  }
  [part='close'] {
    font-size: 1.5rem;
    line-height: 1;
    padding: 0;
  }
  /* Drawn inside: the dialog's rounded corner would clip a ring outside. */
  [part='close']:focus-visible {
    outline-offset: -5px;
  }
  /* The frame is the whole UI: no padding, no background of ours. */
  iframe {
    flex: 1;
    width: 100%;
    border: none;
    background: transparent;
  }
`;

import { lazyPart } from '../shared/lazy.js';

/**
 * The rare screens of a permission conversation, in one chunk loaded when first needed
 * (or ahead, while the page is idle): the age gate, the challenge panel and the age check
 * dialog. One chunk rather than a chunk each: every chunk costs what its file loses to
 * gzip and to the imports between chunks.
 */
export const conversationPart = lazyPart(
  () => import('./conversation.js'),
  (module) => {
    module.defineConversation();
  },
);

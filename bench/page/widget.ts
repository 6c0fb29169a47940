// What a game's page loads for the HUD: the provider and the session status, nothing else.
import '../../src/elements/provider/provider.js';
import '../../src/elements/session-status/session-status.js';

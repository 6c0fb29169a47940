import { webdriverLauncher } from '@web/test-runner-webdriver';
import base from './web-test-runner.config.js';
import { BROWSERS } from './scripts/browsers.js';

// WebKitGTK's MiniBrowser through Debian's WebKitWebDriver, started by scripts/test-webkit.js.
export default {
  ...base,
  concurrency: 1,
  browsers: [
    webdriverLauncher({
      automationProtocol: 'webdriver',
      port: Number(process.env.WEBKIT_DRIVER_PORT ?? 4444),
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: BROWSERS.webkit.binary, args: ['--automation'] },
      },
    }),
  ],
};

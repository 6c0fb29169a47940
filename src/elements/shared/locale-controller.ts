import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, withEnglish, type Messages } from '../../i18n/en.js';
import { directionOf, loadMessages, matchLocale } from '../../i18n/locales.js';
import type { PlaygateSettings } from './context.js';

/**
 * The words an element speaks: its own `lang` first, else the provider's (which already
 * resolved the provider, `<html lang>` and the browser's language). An element whose
 * `lang` differs loads its own catalog; until it arrives, the provider's is shown.
 */
export class LocaleController implements ReactiveController {
  private own: { locale: string; messages: Messages } | undefined;
  private loadingFor: string | undefined;
  private observer: MutationObserver | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly client: () => PlaygateSettings | undefined,
  ) {
    host.addController(this);
  }

  get messages(): Messages {
    return withEnglish(this.own?.messages ?? this.client()?.messages ?? en);
  }

  get locale(): string {
    return this.own?.locale ?? this.client()?.locale ?? 'en';
  }

  get dir(): 'ltr' | 'rtl' {
    return directionOf(this.locale);
  }

  hostConnected(): void {
    // `lang` is a native attribute: Lit does not see it change, so watch it.
    this.observer = new MutationObserver(() => {
      this.host.requestUpdate();
    });
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  hostUpdate(): void {
    const wanted = matchLocale(this.host.getAttribute('lang'));
    if (!wanted || wanted === this.client()?.locale) {
      this.own = undefined;
      this.loadingFor = undefined;
      return;
    }
    if (this.own?.locale === wanted || this.loadingFor === wanted) return;
    this.loadingFor = wanted;
    void loadMessages(wanted).then((messages) => {
      if (this.loadingFor !== wanted) return;
      this.own = { locale: wanted, messages };
      this.host.requestUpdate();
    });
  }
}

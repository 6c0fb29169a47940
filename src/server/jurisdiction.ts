// Where a player is, decided by the game's server: k-ID's guides say the page's own claim
// is easy to spoof, so it is a hint only (the network's view first, then the time zone).
import { getCountryForTimezone } from 'countries-and-timezones';

/** What the browser said about where the player is. Hints, never the decision. */
export interface JurisdictionHints {
  /** The jurisdiction the page sent (`<playgate-provider jurisdiction>`). */
  jurisdiction?: string;
  /** The browser's IANA time zone (`Europe/Berlin`), which the widget reports. */
  timeZone?: string;
}

/**
 * Decides the jurisdiction of a call that carries one (`age-gate/*`, `age-verification/*`).
 * Answer undefined when it cannot tell: the page's hint is sent then.
 */
export type JurisdictionResolver = (request: Request, hints: JurisdictionHints) => string | undefined | Promise<string | undefined>;

export interface JurisdictionFromOptions {
  /**
   * A header holding the player's country (ISO 3166-1 alpha-2) that your CDN or load
   * balancer sets and strips from what clients send, e.g. `CF-IPCountry` (Cloudflare),
   * `X-Vercel-IP-Country`, `CloudFront-Viewer-Country`. Never a header a client can set.
   */
  countryHeader?: string;
  /** A header holding the region within it (`CA` for California), e.g. `CloudFront-Viewer-Country-Region`. */
  regionHeader?: string;
}

const COUNTRY = /^[A-Z]{2}$/;
const REGION = /^[A-Z0-9]{1,3}$/;
/** What CDNs send for "unknown" and for Tor: no country at all. */
const NOT_A_COUNTRY = new Set(['XX', 'T1', 'EU', 'AP']);

/**
 * k-ID's order, as a resolver: the country (and region) from a trusted header, else the
 * country of the time zone the widget reported, else undefined (the page's hint is used).
 */
export function jurisdictionFrom(options: JurisdictionFromOptions = {}): JurisdictionResolver {
  return (request, hints) => {
    const country = options.countryHeader ? request.headers.get(options.countryHeader)?.trim().toUpperCase() : undefined;
    if (country && COUNTRY.test(country) && !NOT_A_COUNTRY.has(country)) {
      const region = options.regionHeader ? request.headers.get(options.regionHeader)?.trim().toUpperCase() : undefined;
      return region && REGION.test(region) ? `${country}-${region}` : country;
    }
    return hints.timeZone ? getCountryForTimezone(hints.timeZone)?.id : undefined;
  };
}

/** ISO 4217 codes as Node's ICU knows them (no list of our own to keep up to date). */
const ISO_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));

/**
 * Signs that name exactly one currency. "$", "¥", "kr" and "Fr." are shared by several
 * currencies, so they are accepted next to a number but name none.
 */
const SIGN_CURRENCIES: Record<string, string> = { "€": "EUR", "£": "GBP", US$: "USD" };

export function isCurrencyCode(text: string): boolean {
  return /^[A-Z]{3}$/.test(text) && ISO_CURRENCIES.has(text);
}

/** The ISO code a currency cell stands for ("eur", "EUR", "€"), or undefined. */
export function currencyCode(text: string): string | undefined {
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase();
  if (isCurrencyCode(upper)) return upper;
  return SIGN_CURRENCIES[trimmed];
}

/**
 * Internationalisation: the vue-i18n instance (Composition API mode), the chosen language
 * (Vietnamese by default, persisted in localStorage and mirrored to `<html lang>`), and
 * locale-aware number formatting.
 */
import { computed } from 'vue';
import { createI18n, useI18n } from 'vue-i18n';
import vi, { type Messages } from './vi';
import en from './en';

export const SUPPORTED_LOCALES = ['vi', 'en'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];

export const DEFAULT_LOCALE: AppLocale = 'vi';

/** BCP 47 tag used for Intl formatting of each app locale. */
export const INTL_LOCALE: Record<AppLocale, string> = { vi: 'vi-VN', en: 'en-GB' };

const STORAGE_KEY = 'customs-sqa.locale';

function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

function readStoredLocale(): AppLocale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isAppLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    // Storage can be unavailable (privacy mode, sandboxed iframe): fall back to the default.
    return DEFAULT_LOCALE;
  }
}

export const i18n = createI18n<[Messages], AppLocale, false>({
  legacy: false,
  locale: readStoredLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: { vi, en },
  missingWarn: import.meta.env.DEV,
  fallbackWarn: import.meta.env.DEV,
});

document.documentElement.lang = i18n.global.locale.value;

/** Switch the UI language, remember the choice and update `<html lang>`. */
export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisting is acceptable; the choice still applies to this session.
  }
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Format an integer count for the given app locale (e.g. 12.345 in vi-VN, 12,345 in en-GB). */
export function formatNumber(value: number, locale: AppLocale): string {
  const tag = INTL_LOCALE[locale];
  let format = numberFormats.get(tag);
  if (!format) {
    format = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
    numberFormats.set(tag, format);
  }
  return format.format(value);
}

/**
 * The current language for components: `locale`, its Intl tag, and a number formatter that
 * re-renders the caller when the language changes.
 */
export function useLocale() {
  const { locale } = useI18n({ useScope: 'global' });
  const current = computed<AppLocale>(() => (isAppLocale(locale.value) ? locale.value : DEFAULT_LOCALE));
  return {
    locale: current,
    intlLocale: computed(() => INTL_LOCALE[current.value]),
    formatNumber: (value: number) => formatNumber(value, current.value),
    setLocale,
  };
}

/**
 * Internationalisation: the vue-i18n instance (Composition API mode), the chosen language
 * (Vietnamese by default, persisted in localStorage and mirrored to `<html lang>`), and
 * locale-aware number and date formatting (dates always in Vietnam time, Asia/Ho_Chi_Minh).
 */
import { computed } from 'vue';
import { createI18n, useI18n } from 'vue-i18n';
import vi, { type Messages } from './vi';

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
  locale: DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  // English is loaded when first chosen: most users never switch, and it need not delay them.
  messages: { vi } as Record<AppLocale, Messages>,
  missingWarn: import.meta.env.DEV,
  fallbackWarn: import.meta.env.DEV,
});

document.documentElement.lang = i18n.global.locale.value;

const loaders: Partial<Record<AppLocale, () => Promise<{ default: Messages }>>> = { en: () => import('./en') };

async function ensureMessages(locale: AppLocale): Promise<void> {
  const load = loaders[locale];
  if (!load || i18n.global.availableLocales.includes(locale)) return;
  i18n.global.setLocaleMessage(locale, (await load()).default);
}

/** Before the app mounts: the language chosen last time, its messages loaded. */
export async function restoreLocale(): Promise<void> {
  const stored = readStoredLocale();
  if (stored === DEFAULT_LOCALE) return;
  try {
    await ensureMessages(stored);
    i18n.global.locale.value = stored;
    document.documentElement.lang = stored;
  } catch {
    // The messages could not load (offline): stay in the default language.
  }
}

/** Switch the UI language (loading its messages first), remember the choice and update `<html lang>`. */
export async function setLocale(locale: AppLocale): Promise<void> {
  // Remembered before the messages load: a reload or a link followed meanwhile keeps the choice.
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisting is acceptable; the choice still applies to this session.
  }
  await ensureMessages(locale);
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
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

const fractionFormats = new Map<string, Intl.NumberFormat>();

/** Format a number with a fixed count of decimals (a mean: 4,21 in vi-VN). */
export function formatDecimal(value: number, locale: AppLocale, digits = 2): string {
  const key = `${locale}:${digits}`;
  let format = fractionFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    fractionFormats.set(key, format);
  }
  return format.format(value);
}

/** Format a share 0–1 as a percentage with one decimal (87,5 % in vi-VN). */
export function formatPercent(share: number, locale: AppLocale, digits = 1): string {
  const key = `${locale}:%${digits}`;
  let format = fractionFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], {
      style: 'percent',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    fractionFormats.set(key, format);
  }
  return format.format(share);
}

/** Customs works in Vietnam time, whatever the browser's zone. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const DATE_STYLES = {
  date: { day: '2-digit', month: '2-digit', year: 'numeric' },
  dateTime: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof DATE_STYLES;

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Format an ISO instant in Vietnam time for the given app locale; '' for a missing or bad value. */
export function formatDate(value: string | null | undefined, locale: AppLocale, style: DateStyle = 'dateTime'): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const key = `${locale}:${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...DATE_STYLES[style], timeZone: TIME_ZONE });
    dateFormats.set(key, format);
  }
  return format.format(date);
}

/**
 * The current language for components: `locale`, its Intl tag, and number and date formatters
 * that re-render the caller when the language changes.
 */
export function useLocale() {
  const { locale } = useI18n({ useScope: 'global' });
  const current = computed<AppLocale>(() => (isAppLocale(locale.value) ? locale.value : DEFAULT_LOCALE));
  return {
    locale: current,
    intlLocale: computed(() => INTL_LOCALE[current.value]),
    formatNumber: (value: number) => formatNumber(value, current.value),
    formatDate: (value: string | null | undefined, style?: DateStyle) => formatDate(value, current.value, style),
    formatDecimal: (value: number, digits?: number) => formatDecimal(value, current.value, digits),
    formatPercent: (share: number, digits?: number) => formatPercent(share, current.value, digits),
    /** A share, mean or count that may be missing: '–' when null. */
    formatMaybe: (value: number | null | undefined, kind: 'percent' | 'decimal' | 'number') =>
      value === null || value === undefined
        ? '–'
        : kind === 'percent'
          ? formatPercent(value, current.value)
          : kind === 'decimal'
            ? formatDecimal(value, current.value)
            : formatNumber(value, current.value),
    setLocale,
  };
}

/**
 * Renders a message (key + parameters) in a language: the subject, the plain text and the HTML of
 * an e-mail. Codes are translated (ENUM_LABELS), values escaped in HTML, links made absolute.
 */
import { ENUM_LABELS, FOOTER, MESSAGES, type Locale } from './catalogue.js';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export function renderMessage(
  key: string,
  params: Record<string, string | number>,
  locale: Locale,
  link: string | null,
  publicUrl: string,
): RenderedMessage {
  const definition = MESSAGES[key];
  if (!definition) throw new Error(`Unknown message key ${key}`);
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    const list = definition.enumParams?.[name];
    const labels = list ? (ENUM_LABELS[list][locale] as Record<string, string>) : null;
    values[name] = labels ? (labels[String(value)] ?? String(value)) : formatValue(value, locale);
  }
  const text = definition[locale];
  const fill = (template: string, escape: (s: string) => string) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => escape(values[name] ?? ''));
  const url = link ? new URL(link, publicUrl).toString() : null;
  const subject = fill(text.subject, (s) => s);
  const body = fill(text.body, (s) => s);
  const plain = [body, url ? `${text.action}: ${url}` : null, '--', FOOTER[locale]].filter(Boolean).join('\n\n');
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:Arial,sans-serif;color:#1d2a36">
<p>${fill(text.body, escapeHtml)}</p>
${url ? `<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:8px 14px;background:#0b5394;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(text.action)}</a></p>` : ''}
<hr><p style="font-size:12px;color:#5b6b7a">${escapeHtml(FOOTER[locale])}</p>
</body></html>`;
  return { subject, text: plain, html };
}

function formatValue(value: string | number, locale: Locale): string {
  // Ids and counts stay as they are; a share like 82.5 reads "82,5" in Vietnamese.
  return typeof value === 'number' && !Number.isInteger(value)
    ? value.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 })
    : String(value);
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

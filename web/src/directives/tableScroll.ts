/**
 * `v-table-scroll` on a `.table-wrap`: a table wider than its panel scrolls inside it (phones),
 * and then the box says so: it becomes a focusable, labelled region (keyboard users can scroll
 * it; the label is the table's caption or the panel's heading) and `data-overflow` tells the
 * styles which edge hides more columns, where they fade out.
 */
import type { Directive } from 'vue';

const observers = new WeakMap<HTMLElement, ResizeObserver>();
const listeners = new WeakMap<HTMLElement, () => void>();

function labelOf(el: HTMLElement): string {
  const caption = el.querySelector('caption')?.textContent?.trim();
  if (caption) return caption;
  const heading = el.closest('section, .panel')?.querySelector('h2, h3')?.textContent?.trim();
  return heading || document.querySelector('h1')?.textContent?.trim() || 'Table';
}

function update(el: HTMLElement): void {
  const overflows = el.scrollWidth > el.clientWidth + 1;
  if (!overflows) {
    el.removeAttribute('data-overflow');
    el.removeAttribute('tabindex');
    el.removeAttribute('role');
    el.removeAttribute('aria-label');
    return;
  }
  const left = el.scrollLeft > 1;
  const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
  el.dataset.overflow = left && right ? 'both' : left ? 'left' : 'right';
  el.tabIndex = 0;
  el.setAttribute('role', 'region');
  el.setAttribute('aria-label', labelOf(el));
}

export const vTableScroll: Directive<HTMLElement> = {
  mounted(el) {
    const onChange = () => update(el);
    const observer = new ResizeObserver(onChange);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    el.addEventListener('scroll', onChange, { passive: true });
    observers.set(el, observer);
    listeners.set(el, onChange);
    onChange();
  },
  updated(el) {
    update(el);
  },
  unmounted(el) {
    observers.get(el)?.disconnect();
    const onChange = listeners.get(el);
    if (onChange) el.removeEventListener('scroll', onChange);
  },
};

/**
 * A lookup by what users know: an officer by code or name, an enterprise by tax code or name.
 * While the user types, suggestions come from the catalog's search (`officers`, `enterprises`);
 * on submit `resolve()` turns the text into one id — an exact code or tax code, a picked
 * suggestion, or the only match — or says that nothing, or more than one, matches, so an entry
 * is never silently ignored.
 */
import { ref, shallowRef, watch, type Ref } from 'vue';
import { request } from '../graphql/client';
import { EnterpriseSuggestionsDocument, OfficerSuggestionsDocument } from '../graphql/generated';

export type LookupKind = 'officer' | 'enterprise';

export interface Suggestion {
  id: string;
  /** The code or tax code: what an exact entry matches. */
  key: string;
  /** What the suggestion list shows and a picked suggestion fills in: "key · name". */
  label: string;
}

export type Resolution =
  { kind: 'empty' } | { kind: 'found'; id: string; label: string } | { kind: 'none' } | { kind: 'many'; count: number };

async function search(kind: LookupKind, text: string): Promise<{ total: number; items: Suggestion[] }> {
  if (kind === 'officer') {
    const { officers } = await request(OfficerSuggestionsDocument, { search: text });
    return {
      total: officers.totalCount,
      items: officers.edges.map(({ node: o }) => ({ id: o.id, key: o.code, label: `${o.code} · ${o.fullName}` })),
    };
  }
  const { enterprises } = await request(EnterpriseSuggestionsDocument, { search: text });
  return {
    total: enterprises.totalCount,
    items: enterprises.edges.map(({ node: e }) => ({ id: e.id, key: e.taxCode, label: `${e.taxCode} · ${e.name}` })),
  };
}

/** Suggestions for `text` (two characters or more, a quarter-second after the last key) and its resolution. */
export function useLookup(kind: LookupKind, text: Ref<string>) {
  const suggestions = shallowRef<Suggestion[]>([]);
  const failed = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  watch(text, (value) => {
    clearTimeout(timer);
    const query = value.trim();
    if (query.length < 2 || suggestions.value.some((s) => s.label === query)) return;
    timer = setTimeout(() => {
      const mine = ++asked;
      search(kind, query)
        .then((r) => {
          if (mine === asked) suggestions.value = r.items;
        })
        .catch(() => {
          if (mine === asked) suggestions.value = [];
        });
    }, 250);
  });

  async function resolve(): Promise<Resolution> {
    failed.value = false;
    const entry = text.value.trim();
    if (!entry) return { kind: 'empty' };
    const picked = suggestions.value.find((s) => s.label === entry);
    if (picked) return { kind: 'found', id: picked.id, label: picked.label };
    // A picked label that is no longer in the list still starts with its key.
    const key = entry.split(' · ')[0]!.trim();
    let found;
    try {
      found = await search(kind, key);
    } catch (error) {
      failed.value = true;
      throw error;
    }
    const exact = found.items.find((s) => s.key.toLowerCase() === key.toLowerCase());
    if (exact) return { kind: 'found', id: exact.id, label: exact.label };
    if (found.total === 1) return { kind: 'found', id: found.items[0]!.id, label: found.items[0]!.label };
    return found.total === 0 ? { kind: 'none' } : { kind: 'many', count: found.total };
  }

  return { suggestions, resolve, failed };
}

/** Template attributes allowed on every element and component under `strictTemplates`. */
import type { vTableScroll } from './directives/tableScroll';

declare module 'vue' {
  interface GlobalDirectives {
    /** Registered in main.ts: a table that scrolls inside its panel says so (see directives/tableScroll.ts). */
    vTableScroll: typeof vTableScroll;
  }
  interface HTMLAttributes {
    /** Stable hook for end-to-end tests. */
    'data-testid'?: string;
    /** State exposed to tests and styles (`data-status="SENT"`, `data-count="7"`). */
    [dataAttribute: `data-${string}`]: string | number | boolean | undefined;
  }
  interface AllowedComponentProps {
    // Component props are checked in camelCase.
    dataTestid?: string;
  }
}

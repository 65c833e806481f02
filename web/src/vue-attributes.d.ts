/** Template attributes allowed on every element and component under `strictTemplates`. */
export {};

declare module 'vue' {
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

/** Template attributes allowed on every element and component under `strictTemplates`. */
export {};

declare module 'vue' {
  interface HTMLAttributes {
    /** Stable hook for end-to-end tests. */
    'data-testid'?: string;
  }
  interface AllowedComponentProps {
    // Component props are checked in camelCase.
    dataTestid?: string;
  }
}

/// <reference types="vite/client" />

/** GraphQL operations imported as source text (`import doc from '…/catalog.graphql?raw'`). */
declare module '*.graphql?raw' {
  const document: string;
  export default document;
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

/** Side-effect-only ApexCharts feature modules (they register themselves on the core class). */
declare module 'apexcharts/features/legend';

/**
 * Vite config for the console. Root is web/; the build lands in dist/web. In development,
 * /graphql is proxied to the API on 127.0.0.1:4000, and files outside web/ (the shared
 * schema/operations/*.graphql) may be served.
 */
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type ProxyOptions } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const proxy: Record<string, ProxyOptions> = {
  '/graphql': { target: 'http://127.0.0.1:4000', changeOrigin: true },
};

export default defineConfig({
  root: webRoot,
  plugins: [vue()],
  // Compile-time flags: drop Vue's Options API and vue-i18n's legacy API and devtools hooks.
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // ApexCharts core alone is ~590 kB minified (~170 kB gzip); it is loaded lazily with the
    // first chart, and ExcelJS (~930 kB, ~260 kB gzip) only when an XLSX export is asked for,
    // so their chunks are allowed past Vite's 500 kB default.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy,
    fs: { allow: [repoRoot] },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy,
  },
});

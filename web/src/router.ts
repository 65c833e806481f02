/**
 * Routes of the console (history mode). A route with `meta.nav` appears in the left navigation,
 * labelled by its `meta.titleKey`; add a page by adding a route here.
 */
import { createRouter, createWebHistory } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document title and navigation label). */
    titleKey?: string;
    /** Show in the left navigation. */
    nav?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    { path: '/', redirect: '/catalog' },
    {
      path: '/catalog',
      name: 'catalog',
      component: () => import('./pages/CatalogPage.vue'),
      meta: { titleKey: 'nav.catalog', nav: true },
    },
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: () => import('./pages/NotFoundPage.vue'),
      meta: { titleKey: 'notFound.title' },
    },
  ],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

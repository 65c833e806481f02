/**
 * Routes of the console (history mode). A route with `meta.nav` appears in the left navigation,
 * labelled by its `meta.titleKey`; add a page by adding a route here. Routes with
 * `meta.requiresEnterprise` need a signed-in enterprise user (see auth/guard.ts) and appear in
 * the navigation only for one; routes with `meta.requiresStaff` likewise for customs staff;
 * `meta.permission` narrows either to users the API's policy gives that permission.
 */
import { createRouter, createWebHistory } from 'vue-router';

/** Survey reports and the CDCI are managers' (the API refuses officers). */
/** Who takes part in the period evaluation: managers within their scope (an officer sees only itself elsewhere). */

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document title and navigation label). */
    titleKey?: string;
    /** Show in the left navigation. */
    nav?: boolean;
    /** Only for a signed-in enterprise user; others are sent to the sign-in page. */
    requiresEnterprise?: boolean;
    /** Only for signed-in customs staff (officer, supervisor, inspector, leader, admin). */
    requiresStaff?: boolean;
    /** Only users with this permission (`me { permissions }`) see the route in the navigation or may open it. */
    permission?: string;
    /** A count shown next to the navigation label. */
    badge?: 'unrated' | 'notices';
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
      path: '/declarations',
      name: 'declarations',
      component: () => import('./pages/DeclarationsPage.vue'),
      meta: { titleKey: 'nav.declarations', nav: true, requiresEnterprise: true, badge: 'unrated' },
    },
    {
      path: '/declarations/:number/rate',
      name: 'rate',
      component: () => import('./pages/RatePage.vue'),
      meta: { titleKey: 'rate.title', requiresEnterprise: true },
    },
    {
      path: '/notices',
      name: 'notices',
      component: () => import('./pages/NoticesPage.vue'),
      meta: { titleKey: 'notices.nav', nav: true, requiresEnterprise: true, badge: 'notices' },
    },
    {
      path: '/assessments',
      name: 'assessments',
      component: () => import('./pages/AssessmentsPage.vue'),
      meta: { titleKey: 'nav.assessments', nav: true, requiresEnterprise: true },
    },
    {
      path: '/assessments/:id/review',
      name: 'review',
      component: () => import('./pages/ReviewPage.vue'),
      meta: { titleKey: 'review.title', requiresEnterprise: true },
    },
    {
      path: '/overview',
      name: 'overview',
      component: () => import('./pages/OverviewPage.vue'),
      meta: { titleKey: 'nav.overview', nav: true, requiresStaff: true },
    },
    {
      path: '/explore',
      name: 'explore',
      component: () => import('./pages/ExplorePage.vue'),
      meta: { titleKey: 'nav.explore', nav: true, requiresStaff: true },
    },
    {
      path: '/pivot',
      name: 'pivot',
      component: () => import('./pages/PivotPage.vue'),
      meta: { titleKey: 'nav.pivot', nav: true, requiresStaff: true, permission: 'statistics:read' },
    },
    {
      path: '/forms',
      name: 'forms',
      component: () => import('./pages/FormsPage.vue'),
      meta: { titleKey: 'nav.forms', nav: true, requiresStaff: true },
    },
    {
      path: '/scorecards',
      name: 'scorecards',
      component: () => import('./pages/ScorecardsPage.vue'),
      meta: { titleKey: 'scorecards.nav', nav: true, requiresStaff: true, permission: 'scorecard:review' },
    },
    {
      path: '/enterprises/:id(\\d+)',
      name: 'enterprise',
      component: () => import('./pages/EnterprisePage.vue'),
      meta: { titleKey: 'enterprise.title', requiresStaff: true, permission: 'assessment:seeRater' },
    },
    {
      path: '/views',
      name: 'saved-views',
      component: () => import('./pages/SavedViewsPage.vue'),
      meta: { titleKey: 'nav.savedViews', nav: true, requiresStaff: true, permission: 'view:save' },
    },
    {
      path: '/admin-notices',
      name: 'admin-notices',
      component: () => import('./pages/AdminNoticesPage.vue'),
      meta: { titleKey: 'notices.admin.nav', nav: true, requiresStaff: true, permission: 'notice:publish' },
    },
    {
      path: '/outgoing-messages',
      name: 'outgoing-messages',
      component: () => import('./pages/OutgoingMessagesPage.vue'),
      meta: { titleKey: 'outgoing.title', nav: true, requiresStaff: true, permission: 'message:readOutgoing' },
    },
    {
      path: '/notification-settings',
      name: 'notification-settings',
      component: () => import('./pages/NotificationSettingsPage.vue'),
      meta: {
        titleKey: 'messageSettings.title',
        nav: true,
        permission: 'message:preferences',
      },
    },
    {
      path: '/forms/:id',
      name: 'form-detail',
      component: () => import('./pages/FormDetailPage.vue'),
      meta: { titleKey: 'nav.formDetail', requiresStaff: true },
    },
    {
      path: '/cases',
      name: 'cases',
      component: () => import('./pages/CasesPage.vue'),
      meta: { titleKey: 'cases.nav', nav: true, requiresStaff: true, permission: 'case:readInternal' },
    },
    {
      path: '/cases/:id',
      name: 'case',
      component: () => import('./pages/CasePage.vue'),
      meta: { titleKey: 'cases.detailTitle', requiresStaff: true },
    },
    {
      path: '/case-analytics',
      name: 'case-analytics',
      component: () => import('./pages/CaseAnalyticsPage.vue'),
      meta: { titleKey: 'caseAnalytics.nav', nav: true, requiresStaff: true, permission: 'case:readInternal' },
    },
    {
      path: '/case-routing',
      name: 'case-routing',
      component: () => import('./pages/RoutingRulesPage.vue'),
      meta: { titleKey: 'cases.routing.nav', nav: true, requiresStaff: true, permission: 'routing:manage' },
    },
    {
      path: '/officers/:id',
      name: 'officer',
      component: () => import('./pages/OfficerPage.vue'),
      meta: { titleKey: 'nav.officer', requiresStaff: true },
    },
    {
      path: '/surveys',
      name: 'surveys',
      component: () => import('./pages/SurveysPage.vue'),
      meta: { titleKey: 'surveys.nav.answer', nav: true, requiresEnterprise: true },
    },
    {
      path: '/surveys/:id',
      name: 'survey-form',
      component: () => import('./pages/SurveyFormPage.vue'),
      meta: { titleKey: 'surveys.nav.form', requiresEnterprise: true },
    },
    {
      path: '/survey-campaigns',
      name: 'survey-campaigns',
      component: () => import('./pages/SurveyCampaignsAdminPage.vue'),
      meta: { titleKey: 'surveys.nav.campaigns', nav: true, requiresStaff: true, permission: 'survey:manage' },
    },
    {
      path: '/survey-report',
      name: 'survey-report',
      component: () => import('./pages/SurveyReportPage.vue'),
      meta: { titleKey: 'surveys.nav.report', nav: true, requiresStaff: true, permission: 'survey:report' },
    },
    {
      path: '/cdci',
      name: 'cdci',
      component: () => import('./pages/CdciPage.vue'),
      meta: { titleKey: 'surveys.nav.cdci', nav: true, requiresStaff: true, permission: 'cdci:read' },
    },
    {
      path: '/admin/org-chart',
      name: 'admin-org-chart',
      component: () => import('./pages/admin/OrgChartAdminPage.vue'),
      meta: { titleKey: 'admin.orgChart.nav', nav: true, requiresStaff: true, permission: 'orgChart:manage' },
    },
    {
      path: '/admin/accounts',
      name: 'admin-accounts',
      component: () => import('./pages/admin/AccountsAdminPage.vue'),
      meta: { titleKey: 'admin.accounts.nav', nav: true, requiresStaff: true, permission: 'account:manage' },
    },
    {
      path: '/admin/holidays',
      name: 'admin-holidays',
      component: () => import('./pages/admin/HolidaysAdminPage.vue'),
      meta: { titleKey: 'admin.holidays.nav', nav: true, requiresStaff: true, permission: 'calendar:manage' },
    },
    {
      path: '/admin/api-keys',
      name: 'admin-api-keys',
      component: () => import('./pages/admin/ApiKeysAdminPage.vue'),
      meta: { titleKey: 'admin.keys.nav', nav: true, requiresStaff: true, permission: 'apiKey:manage' },
    },
    {
      path: '/admin/audit',
      name: 'admin-audit',
      component: () => import('./pages/admin/AuditLogPage.vue'),
      meta: { titleKey: 'admin.audit.nav', nav: true, requiresStaff: true, permission: 'audit:read' },
    },
    {
      path: '/set-password',
      name: 'set-password',
      component: () => import('./pages/SetPasswordPage.vue'),
      meta: { titleKey: 'admin.setPassword.title' },
    },
    {
      path: '/login',
      name: 'login',
      component: () => import('./pages/LoginPage.vue'),
      meta: { titleKey: 'auth.title' },
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

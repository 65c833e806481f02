/** Console entry point: mounts the app shell with the router, i18n and the sign-in wiring. */
import { createApp } from 'vue';
import App from './App.vue';
import { installAuth } from './auth/guard';
import { vTableScroll } from './directives/tableScroll';
import { i18n, restoreLocale } from './i18n';
import { router } from './router';
import './styles/main.css';

installAuth(router);
await restoreLocale();
createApp(App).use(i18n).use(router).directive('table-scroll', vTableScroll).mount('#app');

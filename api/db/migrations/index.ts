/** The ordered list of Postgres migrations; explicit so a compiled build needs no folder scan. */
import { Migration20261122075440_initial } from './Migration20261122075440_initial.js';

export const migrationsList = [{ name: 'Migration20261122075440_initial', class: Migration20261122075440_initial }];

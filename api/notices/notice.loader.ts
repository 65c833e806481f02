/**
 * Per-request DataLoaders for notices: an administrator's list shows each notice's read count,
 * an enterprise's feed whether it read each one — one query per list, not one per notice.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Enterprise } from '../catalog/enterprise.entity.js';
import { countLoader } from '../graphql/loaders.js';
import { LegalNoticeRead } from './notice.entity.js';

/** A notice and the enterprise asking whether it read it. */
export type NoticeReader = readonly [noticeId: number, enterpriseId: number];

export function createNoticeLoaders(em: EntityManager) {
  let enterpriseTotal: Promise<number> | null = null;
  return {
    /** How many enterprises a notice to all of them reaches; counted once per request. */
    enterpriseTotal: () => (enterpriseTotal ??= em.count(Enterprise, {})),
    readCountOfNotice: countLoader(em, 'legal_notice_read', 'notice_id'),
    noticeRead: new DataLoader<NoticeReader, boolean, string>(
      async (keys) => {
        const enterprises = [...new Set(keys.map(([, e]) => e))];
        const rows = await em.find(LegalNoticeRead, {
          enterpriseId: { $in: enterprises },
          noticeId: { $in: keys.map(([n]) => n) },
        });
        const read = new Set(rows.map((r) => `${r.noticeId}:${r.enterpriseId}`));
        return keys.map(([n, e]) => read.has(`${n}:${e}`));
      },
      { cacheKeyFn: ([n, e]) => `${n}:${e}` },
    ),
  };
}

/** Names a rateable subject (branch, team, stage or officer) through the request's loaders. */
import type { Loaders } from '../context.js';
import { SubjectKind } from './assessment.enums.js';
import type { RateableSubject } from './assessment.types.js';

export async function describeSubject(loaders: Loaders, kind: SubjectKind, id: number): Promise<RateableSubject> {
  const base = { kind, id: String(id), nameEn: null as string | null };
  switch (kind) {
    case SubjectKind.BRANCH: {
      const b = await loaders.branch.load(id);
      return { ...base, code: b?.code ?? '?', name: b?.name ?? '?' };
    }
    case SubjectKind.TEAM: {
      const t = await loaders.team.load(id);
      return { ...base, code: t?.code ?? '?', name: t?.name ?? '?' };
    }
    case SubjectKind.STAGE: {
      const s = await loaders.stage.load(id);
      return { ...base, code: s?.code ?? '?', name: s?.nameVi ?? '?', nameEn: s?.nameEn ?? null };
    }
    case SubjectKind.OFFICER: {
      const o = await loaders.officer.load(id);
      return { ...base, code: o?.code ?? '?', name: o?.fullName ?? '?' };
    }
  }
}

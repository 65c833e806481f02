/** Names a rateable subject (branch, team, stage or officer) through the request's loaders. */
import type { Loaders } from '../context.js';
import { SubjectKind } from './assessment.enums.js';
import type { RateableSubject } from './assessment.types.js';

/** Where a subject sits: the team and stage a rating of it counts for, and when it handled the declaration. */
export interface Placement {
  teamId: number | null;
  stageId: number | null;
  handledAt: Date | null;
}

export async function describeSubject(
  loaders: Loaders,
  kind: SubjectKind,
  id: number,
  placement: Placement = { teamId: null, stageId: null, handledAt: null },
): Promise<RateableSubject> {
  const [team, stage] = await Promise.all([
    placement.teamId === null ? null : loaders.team.load(placement.teamId),
    placement.stageId === null ? null : loaders.stage.load(placement.stageId),
  ]);
  const base = {
    kind,
    id: String(id),
    nameEn: null as string | null,
    team: team ?? null,
    stage: stage ?? null,
    handledAt: placement.handledAt,
  };
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

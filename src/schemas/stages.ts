/** A case's stages, from the first to the ends it can come to (charter.md); the zod enum is in case.ts. */
export const STAGES = [
  'source',
  'training',
  'dossier',
  'verification',
  'cell_vote',
  'committee_review',
  'ceremony',
  'probation',
  'recognition_vote',
  'recognition_review',
  'official',
  'rejected',
  'withdrawn',
  'removed',
] as const;
export type Stage = (typeof STAGES)[number];
export const TERMINAL_STAGES: readonly Stage[] = ['official', 'rejected', 'withdrawn', 'removed'];

/** A province's party organisations, as the registry holds them (one version per effective date). */
import { z } from 'zod';
import { IsoDate } from './iso-date';
import { OrgId } from './common';
import { typedText } from './text';

const OrgKind = z.enum([
  'provincial_committee',
  'district_committee',
  'grassroots_committee',
  'sub_grassroots_committee',
  'cell',
]);
export type OrgKind = z.infer<typeof OrgKind>;

const count = z.number().int().min(0);

export const OrgUnit = z.strictObject({
  id: OrgId,
  name: typedText({ vi: 'Tên tổ chức', en: 'organisation name' }, { max: 300 }),
  kind: OrgKind,
  /** null only for the provincial committee at the top. */
  parentId: OrgId.nullable(),
  officialMembers: count,
  probationaryMembers: count,
  /** Staff or residents the organisation draws members from, where known ("share of the workforce"). */
  workforce: count.optional(),
  /** Cells: the committee that decides admissions and recognitions for them (an ancestor). */
  competentCommitteeId: OrgId.optional(),
  /**
   * Committees: how many members its executive (cấp ủy viên) has, the denominator of its votes on
   * admissions and recognitions. Absent where not known: such votes are then recorded as not verified.
   */
  executiveMembers: count.optional(),
  /** Committees: the annual admission target as a share of official members (Nghị quyết 21: 3%). */
  admissionTargetShare: z.number().min(0).max(1).optional(),
  /** Where the engine mails the organisation its alerts (src/mail): none, no mail. */
  email: z.email({ error: 'expected an email address such as van-phong@dang-uy.example.vn' }).max(254).optional(),
  /**
   * What it is mailed: the daily digest of what is overdue and due this week (the default), each escalation at
   * once, or both.
   */
  mailPreference: z.enum(['digest', 'immediate', 'both']).optional(),
  /** The language of its mail: Vietnamese unless it asks for English. */
  mailLanguage: z.enum(['vi', 'en']).optional(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

export const RegistryVersion = z.strictObject({
  effectiveFrom: IsoDate,
  /** Why this version exists, e.g. the reform that changed who decides. */
  note: typedText({ vi: 'Ghi chú', en: 'note' }, { max: 1000, multiline: true }).optional(),
  units: z.array(OrgUnit).min(1).max(100_000),
});
export type RegistryVersion = z.infer<typeof RegistryVersion>;

export const RegistryFile = z.strictObject({
  province: typedText({ vi: 'Tên tỉnh', en: 'province' }, { max: 300 }),
  versions: z.array(RegistryVersion).min(1),
});
export type RegistryFile = z.infer<typeof RegistryFile>;

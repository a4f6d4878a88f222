/**
 * The documents a cell and its committee issue on a case (Guidance 12-HD/BTCTW's 6-, 8-, 9-, 13-, 15- and 16-KNĐ),
 * filled in from the case's own record: who, when, the tally, the regulations in force on the step's date. A form
 * exists only once its step has happened; `planOf` says which step is missing otherwise. Pure.
 */
import { formatVi, type IsoDate } from '../charter/dates';
import { policyOn, threshold } from '../charter/policy';
import { cellDenominator } from '../charter/rules/votes';
import type { Registry } from '../org/registry';
import type { CaseContext } from '../schemas/case';
import type { CellTally, CommitteeTally } from '../schemas/commands';
import type { OrgUnit } from '../schemas/organisation';
import type { TrailEntry } from '../schemas/trail';
import { groundLines } from './grounds';
import {
  article,
  heading,
  paragraph,
  type Block,
  type CaseForm,
  type DocumentNumber,
  type OfficialDocument,
  type Series,
} from './model';
import { asciiName, issuerOf, numberText, percent, placeOf, signerName, writtenDate } from './wording';

export interface CaseFacts {
  caseId: string;
  context: CaseContext;
  trail: TrailEntry[];
}

/** What a form needs before it is written: the step it records and who issues it, in which series and year. */
export interface FormPlan {
  form: CaseForm;
  date: IsoDate;
  issuerId: string;
  series: Series;
  year: number;
  trailSeq: number | null;
}

export type PlanResult = { ok: true; plan: FormPlan } | { ok: false; reason: { vi: string; en: string } };

/** The step as it now stands (its latest correction, else as recorded). */
const eventOf = (e: TrailEntry) => (e.corrected?.event ?? e.event) as Record<string, unknown> | undefined;

/** The latest trail entry of a step type that `accept` takes; its seq is what a recorded number points at. */
function lastStep(trail: TrailEntry[], type: string, accept: (event: Record<string, unknown>) => boolean = () => true) {
  for (let i = trail.length - 1; i >= 0; i--) {
    const e = trail[i]!;
    if (e.kind !== 'command' || e.type !== type) continue;
    const event = eventOf(e);
    if (!event || accept(event)) return { seq: e.seq, event };
  }
  return null;
}

const MISSING: Record<CaseForm, { vi: string; en: string }> = {
  '6-KNĐ': {
    vi: 'Chưa có bước "Chi bộ xét, biểu quyết" đề nghị kết nạp: nghị quyết 6-KNĐ chỉ lập sau khi chi bộ biểu quyết đề nghị kết nạp.',
    en: "The cell's vote proposing admission has not been recorded: the 6-KNĐ resolution follows that vote.",
  },
  '8-KNĐ': {
    vi: 'Chưa có bước "Cấp ủy quyết định kết nạp": nghị quyết 8-KNĐ chỉ lập sau khi cấp ủy có thẩm quyền đồng ý kết nạp.',
    en: "The committee's admission decision has not been recorded: the 8-KNĐ resolution follows it.",
  },
  '9-KNĐ': {
    vi: 'Chưa có bước "Cấp ủy quyết định kết nạp": quyết định 9-KNĐ chỉ lập sau khi cấp ủy có thẩm quyền đồng ý kết nạp.',
    en: "The committee's admission decision has not been recorded: the 9-KNĐ decision follows it.",
  },
  '13-KNĐ': {
    vi: 'Chưa có bước "Chi bộ xét công nhận đảng viên chính thức" với kết quả đề nghị công nhận: nghị quyết 13-KNĐ lập sau bước đó.',
    en: "The cell's recognition vote proposing recognition has not been recorded: the 13-KNĐ resolution follows it.",
  },
  '15-KNĐ': {
    vi: 'Chưa có bước "Cấp ủy quyết định công nhận đảng viên chính thức": nghị quyết 15-KNĐ lập sau bước đó.',
    en: "The committee's recognition decision has not been recorded: the 15-KNĐ resolution follows it.",
  },
  '16-KNĐ': {
    vi: 'Chưa có bước "Cấp ủy quyết định công nhận đảng viên chính thức": quyết định 16-KNĐ lập sau bước đó.',
    en: "The committee's recognition decision has not been recorded: the 16-KNĐ decision follows it.",
  },
};

const SERIES: Record<CaseForm, Series> = {
  '6-KNĐ': 'NQ',
  '8-KNĐ': 'NQ',
  '9-KNĐ': 'QĐ',
  '13-KNĐ': 'NQ',
  '15-KNĐ': 'NQ',
  '16-KNĐ': 'QĐ',
};

const recognitionVoteOf = (c: CaseContext) =>
  [...c.recognitionVotes].reverse().find((v) => v.resolution === 'recognise');

/** Whether the form's step has happened, and if so who issues it, when, in which series. */
export function planOf(facts: CaseFacts, form: CaseForm): PlanResult {
  const c = facts.context;
  const plan = (date: IsoDate, issuerId: string, trailSeq: number | null): PlanResult => ({
    ok: true,
    plan: { form, date, issuerId, series: SERIES[form], year: Number(date.slice(0, 4)), trailSeq },
  });
  const missing: PlanResult = { ok: false, reason: MISSING[form] };
  switch (form) {
    case '6-KNĐ':
      if (c.cellVote?.resolution !== 'propose_admission') return missing;
      return plan(c.cellVote.on, c.cellId, lastStep(facts.trail, 'RECORD_CELL_VOTE')?.seq ?? null);
    case '8-KNĐ':
    case '9-KNĐ':
      if (c.admission?.decision !== 'admit') return missing;
      return plan(
        c.admission.on,
        c.admission.committeeId,
        lastStep(facts.trail, 'RECORD_COMMITTEE_DECISION', (e) => e.decision === 'admit')?.seq ?? null,
      );
    case '13-KNĐ': {
      const vote = recognitionVoteOf(c);
      if (!vote) return missing;
      const step = lastStep(facts.trail, 'RECORD_RECOGNITION_VOTE', (e) => e.resolution === 'recognise');
      return plan(vote.on, c.cellId, step?.seq ?? null);
    }
    case '15-KNĐ':
    case '16-KNĐ':
      if (c.recognition?.decision !== 'recognise') return missing;
      return plan(
        c.recognition.on,
        c.recognition.committeeId,
        lastStep(facts.trail, 'RECORD_RECOGNITION_DECISION', (e) => e.decision === 'recognise')?.seq ?? null,
      );
  }
}

/** A unit as the registry knew it on the date (else in the latest version that has it), and the unit above it. */
function unitOn(registry: Registry, id: string, date: IsoDate): { unit: OrgUnit; superior: OrgUnit | null } {
  const trees = registry.versions().map((v) => registry.on(v.effectiveFrom));
  const inForce = date >= trees[0]!.effectiveFrom ? registry.on(date) : trees[0]!;
  const tree = inForce.has(id) ? inForce : [...trees].reverse().find((t) => t.has(id));
  if (!tree)
    return {
      unit: { id, name: id, kind: 'cell', parentId: null, officialMembers: 0, probationaryMembers: 0 },
      superior: null,
    };
  const unit = tree.unit(id);
  return { unit, superior: unit.parentId ? tree.unit(unit.parentId) : null };
}

/** The minutes of a cell's vote: who counts, who was there, who voted which way, against the two-thirds rule. */
function cellMinutes(tally: CellTally, date: IsoDate, chair: string): Block[] {
  const denominator = cellDenominator(tally);
  const needed = threshold(policyOn(date).cellVote, denominator);
  const inCell = tally.officialMembers - tally.attachedElsewhere;
  const names = (list: string[] | undefined) => (list?.length ? ` (${list.join(', ')})` : '');
  return [
    paragraph(
      `Tổng số đảng viên chính thức của chi bộ: ${tally.officialMembers} đồng chí; sinh hoạt tạm thời nơi khác: ` +
        `${tally.attachedElsewhere} đồng chí${names(tally.attachedElsewhereNames)}; miễn sinh hoạt và vắng mặt: ` +
        `${tally.excusedAbsent} đồng chí${names(tally.excusedAbsentNames)}.`,
    ),
    paragraph(
      `Có mặt: ${tally.present} đảng viên chính thức; vắng mặt: ${inCell - tally.present} đồng chí. ` +
        `Chủ trì hội nghị: đồng chí ${chair}, Bí thư chi bộ.`,
    ),
    paragraph(
      `Kết quả biểu quyết: ${tally.yes}/${denominator} đảng viên chính thức tán thành (${percent(tally.yes, denominator)}), ` +
        `${tally.no} không tán thành (${percent(tally.no, denominator)}); cần ít nhất ${needed} đồng chí tán thành ` +
        `(hai phần ba số đảng viên chính thức, trừ số sinh hoạt tạm thời nơi khác và số miễn sinh hoạt vắng mặt).`,
    ),
    paragraph(`Biên bản hội nghị lưu tại chi bộ; mã đối chiếu (SHA-256): ${tally.minutesHash}.`, { align: 'left' }),
  ];
}

/** A committee's vote as a decision rests on it: "Căn cứ kết quả biểu quyết …". */
function committeeVoteGround(tally: CommitteeTally | null, name: string, date: IsoDate): string[] {
  if (!tally) return [];
  return [
    `kết quả biểu quyết của ${name} ngày ${formatVi(date)}: ${tally.agree}/${tally.members} cấp ủy viên tán thành ` +
      `(${percent(tally.agree, tally.members)})`,
  ];
}

/** A committee's vote as its resolution reports it. */
function committeeTally(tally: CommitteeTally | null, name: string): Block[] {
  if (!tally) return [];
  const against = tally.against ?? null;
  return [
    paragraph(
      `Tổng số cấp ủy viên của ${name}: ${tally.members} đồng chí; số đồng chí tán thành: ${tally.agree}/${tally.members} ` +
        `(${percent(tally.agree, tally.members)})` +
        (against === null ? '.' : `; không tán thành: ${against} (${percent(against, tally.members)}).`),
    ),
  ];
}

export interface FormInput {
  facts: CaseFacts;
  plan: FormPlan;
  registry: Registry;
  number: DocumentNumber;
  /** Numbers recorded for the case's other documents, cited where one rests on another. */
  recorded: Partial<Record<CaseForm, number>>;
}

/** The document of a form whose plan is ready. */
export function caseDocument(input: FormInput): OfficialDocument {
  const { facts, plan, registry } = input;
  const c = facts.context;
  const name = c.profile.fullName;
  const born = formatVi(c.profile.birthDate);
  const cell = unitOn(registry, c.cellId, plan.date).unit;
  const competent = unitOn(registry, c.competentCommitteeId, plan.date).unit;
  const { unit, superior } = unitOn(registry, plan.issuerId, plan.date);
  const issuer = issuerOf(unit, superior);
  /** A cell's resolution a committee's document rests on, by its number once the cell recorded one. */
  const cite = (form: '6-KNĐ' | '13-KNĐ', date: IsoDate, what: string) => {
    const n = input.recorded[form];
    const ref =
      n === undefined ? 'Nghị quyết' : `Nghị quyết số ${n}-${SERIES[form]}/${issuerOf(cell, null).abbreviation}`;
    return `${ref} ngày ${formatVi(date)} của ${cell.name} ${what}`;
  };
  const Day = (d: IsoDate) => writtenDate(d).replace(/^n/, 'N');
  const base = {
    form: plan.form,
    trailSeq: plan.trailSeq,
    issuer,
    number: input.number,
    place: placeOf(registry.province),
    date: plan.date,
    fileBase: asciiName(`${plan.form}-${facts.caseId}`),
  };
  const committeeRecipients = [`- Chi bộ ${cell.name.replace(/^Chi bộ\s+/iu, '')},`, '- Lưu Văn phòng cấp ủy.'];
  switch (plan.form) {
    case '6-KNĐ': {
      const vote = c.cellVote!;
      const chair = signerName(vote.signedBy);
      return {
        ...base,
        title: 'NGHỊ QUYẾT',
        subject: 'đề nghị kết nạp đảng viên',
        grounds: groundLines(plan.date),
        body: [
          paragraph(
            `${Day(vote.on)}, ${cell.name} đã họp xét, đề nghị kết nạp quần chúng ${name}, sinh ngày ${born}, ` +
              `vào Đảng Cộng sản Việt Nam.`,
          ),
          ...cellMinutes(vote.tally, vote.on, chair),
          heading('QUYẾT NGHỊ'),
          paragraph(`Đề nghị ${competent.name} xem xét, kết nạp quần chúng ${name} vào Đảng Cộng sản Việt Nam.`),
        ],
        signature: { signsFor: issuer.signsFor, position: 'BÍ THƯ', name: chair },
        recipients: [`- ${competent.name},`, '- Lưu chi bộ.'],
      };
    }
    case '8-KNĐ':
    case '9-KNĐ': {
      const a = c.admission!;
      const policy = policyOn(a.on);
      const cellResolution = cite('6-KNĐ', c.cellVote!.on, `đề nghị kết nạp quần chúng ${name}`);
      const signer = { signsFor: issuer.signsFor, position: 'BÍ THƯ', name: signerName(a.signedBy) };
      if (plan.form === '8-KNĐ')
        return {
          ...base,
          title: 'NGHỊ QUYẾT',
          subject: 'về việc kết nạp đảng viên',
          grounds: groundLines(a.on, cellResolution),
          body: [
            paragraph(
              `${Day(a.on)}, ${unit.name} đã họp xét đề nghị kết nạp quần chúng ${name}, sinh ngày ${born}, ` +
                `của ${cell.name}.`,
            ),
            ...committeeTally(a.tally, unit.name),
            heading('QUYẾT NGHỊ'),
            paragraph(`Đồng ý kết nạp quần chúng ${name} vào Đảng Cộng sản Việt Nam.`),
          ],
          signature: signer,
          recipients: committeeRecipients,
        };
      return {
        ...base,
        title: 'QUYẾT ĐỊNH',
        subject: 'kết nạp đảng viên',
        grounds: groundLines(a.on, cellResolution, ...committeeVoteGround(a.tally, unit.name, a.on)),
        body: [
          heading(unit.name.toLocaleUpperCase('vi')),
          heading('QUYẾT ĐỊNH'),
          article(
            1,
            `Kết nạp quần chúng ${name}, sinh ngày ${born}, vào Đảng Cộng sản Việt Nam. Thời gian dự bị ` +
              `${policy.deadlines.probation.months} tháng, kể từ ngày chi bộ tổ chức lễ kết nạp.`,
          ),
          article(
            2,
            `${cell.name} tổ chức lễ kết nạp trong thời hạn ${policy.deadlines.ceremony.workingDays} ngày làm việc ` +
              `kể từ ngày nhận được Quyết định này và phân công đảng viên chính thức giúp đỡ đảng viên dự bị.`,
          ),
          article(3, `Văn phòng cấp ủy, ${cell.name} và đồng chí ${name} thi hành Quyết định này.`),
        ],
        signature: signer,
        recipients: ['- Như Điều 3,', '- Lưu hồ sơ đảng viên, Văn phòng cấp ủy.'],
      };
    }
    case '13-KNĐ': {
      const vote = recognitionVoteOf(c)!;
      const chair = signerName(vote.signedBy);
      const admitted = c.admission ? ` theo Quyết định ngày ${formatVi(c.admission.on)}` : '';
      const ceremony = c.ceremonyOn ? `, lễ kết nạp ngày ${formatVi(c.ceremonyOn)}` : '';
      return {
        ...base,
        title: 'NGHỊ QUYẾT',
        subject: 'đề nghị công nhận đảng viên chính thức',
        grounds: groundLines(plan.date),
        body: [
          paragraph(
            `${Day(vote.on)}, ${cell.name} đã họp xét, đề nghị công nhận đảng viên dự bị ${name}, sinh ngày ${born}, ` +
              `được kết nạp vào Đảng${admitted}${ceremony}, trở thành đảng viên chính thức.`,
          ),
          ...cellMinutes(vote.tally, vote.on, chair),
          heading('QUYẾT NGHỊ'),
          paragraph(`Đề nghị ${competent.name} xem xét, công nhận đồng chí ${name} là đảng viên chính thức.`),
        ],
        signature: { signsFor: issuer.signsFor, position: 'BÍ THƯ', name: chair },
        recipients: [`- ${competent.name},`, '- Lưu chi bộ.'],
      };
    }
    case '15-KNĐ':
    case '16-KNĐ': {
      const r = c.recognition!;
      const step = lastStep(facts.trail, 'RECORD_RECOGNITION_DECISION', (e) => e.decision === 'recognise');
      const tally = (step?.event?.tally as CommitteeTally | undefined) ?? null;
      const vote = recognitionVoteOf(c);
      const cellResolution = vote
        ? [cite('13-KNĐ', vote.on, `đề nghị công nhận đảng viên chính thức đối với đồng chí ${name}`)]
        : [];
      const officialSince = c.officialSince ?? c.probationEndsOn ?? r.on;
      const signer = { signsFor: issuer.signsFor, position: 'BÍ THƯ', name: signerName(r.signedBy) };
      if (plan.form === '15-KNĐ')
        return {
          ...base,
          title: 'NGHỊ QUYẾT',
          subject: 'về việc công nhận đảng viên chính thức',
          grounds: groundLines(r.on, ...cellResolution),
          body: [
            paragraph(
              `${Day(r.on)}, ${unit.name} đã họp xét đề nghị công nhận đảng viên chính thức đối với đồng chí ${name}, ` +
                `sinh ngày ${born}, đảng viên dự bị của ${cell.name}.`,
            ),
            ...committeeTally(tally, unit.name),
            heading('QUYẾT NGHỊ'),
            paragraph(`Đồng ý công nhận đồng chí ${name} là đảng viên chính thức kể từ ${writtenDate(officialSince)}.`),
          ],
          signature: signer,
          recipients: committeeRecipients,
        };
      return {
        ...base,
        title: 'QUYẾT ĐỊNH',
        subject: 'công nhận đảng viên chính thức',
        grounds: groundLines(r.on, ...cellResolution, ...committeeVoteGround(tally, unit.name, r.on)),
        body: [
          heading(unit.name.toLocaleUpperCase('vi')),
          heading('QUYẾT ĐỊNH'),
          article(
            1,
            `Công nhận đồng chí ${name}, sinh ngày ${born}, là đảng viên chính thức kể từ ${writtenDate(officialSince)}` +
              (c.partyAgeFrom ? `; tuổi đảng tính từ ${writtenDate(c.partyAgeFrom)}.` : '.'),
          ),
          article(2, `${cell.name} công bố Quyết định này tại kỳ sinh hoạt gần nhất.`),
          article(3, `Văn phòng cấp ủy, ${cell.name} và đồng chí ${name} thi hành Quyết định này.`),
        ],
        signature: signer,
        recipients: ['- Như Điều 3,', '- Lưu hồ sơ đảng viên, Văn phòng cấp ủy.'],
      };
    }
  }
}

/** The number line of a document, for headers and lists. */
export const numberLine = (doc: Pick<OfficialDocument, 'number' | 'issuer'>) => numberText(doc.number, doc.issuer);

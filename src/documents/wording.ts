/**
 * How Party documents write dates, bodies and numbers (Guidance 36-HD/VPTW): "ngày 05 tháng 10 năm 2026", "ĐẢNG BỘ
 * XÃ A" above "CHI BỘ TRƯỜNG THPT A", "Số 12-NQ/CB", "T/M ĐẢNG ỦY". Pure.
 */
import type { IsoDate } from '../charter/dates';
import type { OrgUnit } from '../schemas/organisation';
import type { DocumentNumber, Issuer } from './model';

const partsOf = (d: IsoDate) => d.split('-').map(Number) as [number, number, number];

/**
 * "ngày 05 tháng 10 năm 2026": days below 10 and the months January and February take a leading zero (36-HD/VPTW's
 * rule, so that nothing can be written in front of them afterwards: "tháng 02", but "tháng 4").
 */
export function writtenDate(d: IsoDate): string {
  const [y, m, day] = partsOf(d);
  const month = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `ngày ${String(day).padStart(2, '0')} tháng ${month} năm ${y}`;
}

/** The place and date line, in italics under "ĐẢNG CỘNG SẢN VIỆT NAM": "Demo, ngày 05 tháng 10 năm 2026". */
export const dateLine = (place: string, d: IsoDate) => `${place}, ${writtenDate(d)}`;

export const upper = (s: string) => s.toLocaleUpperCase('vi');

/** The place a document is dated at: the province's name without "Tỉnh"/"Thành phố" (the registry keeps no town). */
export function placeOf(province: string): string {
  return province.replace(/^(Tỉnh|Thành phố|TP\.?)\s+/iu, '').trim() || province;
}

/**
 * The party organisation a committee leads, as the line above an issuer names it: "Đảng ủy xã A" → "Đảng bộ xã A",
 * "Tỉnh ủy Demo" → "Đảng bộ tỉnh Demo". A name that fits no pattern is used as the registry has it.
 */
export function partyOrganisationOf(unit: Pick<OrgUnit, 'name'>): string {
  const n = unit.name.trim();
  const rules: Array<[RegExp, string]> = [
    [/^Đảng ủy\s+/iu, 'Đảng bộ '],
    [/^Đảng uỷ\s+/iu, 'Đảng bộ '],
    [/^Tỉnh ủy\s+/iu, 'Đảng bộ tỉnh '],
    [/^Thành ủy\s+/iu, 'Đảng bộ thành phố '],
    [/^Huyện ủy\s+/iu, 'Đảng bộ huyện '],
    [/^Quận ủy\s+/iu, 'Đảng bộ quận '],
    [/^Thị ủy\s+/iu, 'Đảng bộ thị xã '],
  ];
  for (const [pattern, replacement] of rules) if (pattern.test(n)) return n.replace(pattern, replacement);
  return n;
}

const ABBREVIATIONS: Record<OrgUnit['kind'], string> = {
  cell: 'CB',
  sub_grassroots_committee: 'ĐU',
  grassroots_committee: 'ĐU',
  district_committee: 'HU',
  provincial_committee: 'TU',
};

/**
 * Who signs for a body: a cell's secretary for the cell, a grassroots committee's for the committee; above the
 * grassroots its standing committee decides admissions (Regulation 4.1).
 */
const SIGNS_FOR: Record<OrgUnit['kind'], string> = {
  cell: 'T/M CHI BỘ',
  sub_grassroots_committee: 'T/M ĐẢNG ỦY',
  grassroots_committee: 'T/M ĐẢNG ỦY',
  district_committee: 'T/M BAN THƯỜNG VỤ',
  provincial_committee: 'T/M BAN THƯỜNG VỤ',
};

/** The issuer's header lines and signature capacity from the registry's units (the issuer and the one above it). */
export function issuerOf(unit: OrgUnit, superior: OrgUnit | null): Issuer {
  return {
    id: unit.id,
    superiorLine: superior ? upper(partyOrganisationOf(superior)) : '',
    nameLine: upper(unit.name),
    abbreviation: ABBREVIATIONS[unit.kind],
    signsFor: SIGNS_FOR[unit.kind],
  };
}

/** "Số 12-NQ/CB"; without a number, the blank an office fills by hand: "Số     -NQ/CB". */
export function numberText(n: DocumentNumber, issuer: Pick<Issuer, 'abbreviation'>): string {
  return `Số ${n.value ?? '    '}-${n.series}/${issuer.abbreviation}`;
}

/** "86,67%": a share with a decimal comma, as Vietnamese prose writes it. */
export function percent(part: number, whole: number): string {
  if (!whole) return '0%';
  const value = Math.round((part / whole) * 10_000) / 100;
  return `${value.toLocaleString('vi-VN', { maximumFractionDigits: 2 })}%`;
}

/** A signer as recorded ("Bí thư Trần Văn Bình") without the title the signature block already prints above. */
export function signerName(signedBy: string): string {
  return signedBy.replace(/^(Phó\s+)?Bí thư\s+/iu, '').trim() || signedBy;
}

/** ASCII for a file name: diacritics dropped (đ → d), anything else but letters, digits, dot and dash to "-". */
export function asciiName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

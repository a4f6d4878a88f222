/**
 * Moving a member's party activity to another cell (during probation): a move
 * names another cell, the transfer letter belongs to a move awaiting one, and
 * the letter is presented only once it was issued.
 */
import type { IsoDate } from '../dates';
import { declareRule, type RuleResult } from '../rule';
import { required } from './steps';

const MOVE_OTHER_CELL = declareRule({
  id: 'move.other_cell',
  source: 'Quy trình',
  title: { vi: 'Chuyển sang chi bộ khác', en: 'Move to another cell' },
  summary: 'A move names a cell other than the current one.',
  guards: ['MOVE_CELL'],
  reads: [],
});
const TRANSFER_OPEN = declareRule({
  id: 'transfer.open',
  source: 'Hướng dẫn chuyển sinh hoạt đảng',
  title: { vi: 'Đang chuyển sinh hoạt', en: 'Transfer under way' },
  summary: 'A transfer letter belongs to a move that has none yet.',
  guards: ['RECORD_TRANSFER_LETTER'],
  reads: [],
});
const TRANSFER_LETTER = declareRule({
  id: 'transfer.letter',
  source: 'Hướng dẫn chuyển sinh hoạt đảng',
  title: { vi: 'Giấy giới thiệu sinh hoạt', en: 'Transfer letter' },
  summary: 'Presenting the letter needs the letter recorded first.',
  guards: ['RECORD_TRANSFER_PRESENTED'],
  reads: [],
});

/** The rules declared here, in the order docs/rules.md lists them. */
export const DECLARED = [MOVE_OTHER_CELL, TRANSFER_OPEN, TRANSFER_LETTER];

interface Transfer {
  letterOn?: IsoDate;
  presentedOn?: IsoDate;
}

export const moveToOtherCell = (toCellId: string, cellId: string): RuleResult =>
  required(MOVE_OTHER_CELL.id, toCellId !== cellId, {
    vi: 'một chi bộ khác chi bộ hiện tại',
    en: 'a cell other than the current one',
  });

export const transferOpen = (transfer: Transfer | undefined): RuleResult =>
  required(TRANSFER_OPEN.id, Boolean(transfer) && !transfer?.letterOn, {
    vi: 'một lần chuyển sinh hoạt đang chờ giấy giới thiệu',
    en: 'a move awaiting its transfer letter',
  });

export const transferLetterIssued = (transfer: Transfer | undefined): RuleResult =>
  required(TRANSFER_LETTER.id, Boolean(transfer?.letterOn) && !transfer?.presentedOn, {
    vi: 'giấy giới thiệu chuyển sinh hoạt',
    en: 'the transfer letter',
  });

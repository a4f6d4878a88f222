/**
 * What each role may do, and where. A cell secretary records steps for their
 * own cell's candidates; a committee decides and reads within its subtree; an
 * auditor reads anything and changes nothing; an admin manages the registry.
 * Pure: the API asks, with the organisation tree in force today.
 */
import type { OrgTree } from '../org/registry';
import type { Principal } from './principal';

export type Action =
  | { kind: 'read_case'; cellId: string }
  /** A list of cases limited to a cell or a committee's subtree; none = the whole province. */
  | { kind: 'list_cases'; orgId?: string }
  | { kind: 'record_step'; cellId: string }
  /** Copying a step from the paper dossier: the organisation department of a committee above the cell. */
  | { kind: 'record_paper'; cellId: string }
  /**
   * A committee's own act on a case, not the cell's: extending its decision deadline (with the superior's
   * consent, 4.3.1), or entering the province's consent for an applicant over 60, addressed to the committees.
   */
  | { kind: 'committee_act'; cellId: string }
  /**
   * An admission or recognition decision naming `committeeId`. `competentCommitteeId` is the cell's competent
   * committee on the decision's date and `superiorCommitteeId` the one above it, from the registry (null where
   * the registry had none on that date, or not given: the charter's rule then judges by the case's own chain).
   */
  | {
      kind: 'decide';
      cellId: string;
      committeeId: string;
      competentCommitteeId?: string | null;
      superiorCommitteeId?: string | null;
    }
  | { kind: 'read_inbox'; committeeId: string }
  | { kind: 'acknowledge'; committeeId: string }
  | { kind: 'manage_registry' }
  /** Accounts, their roles, sessions and passwords. */
  | { kind: 'manage_accounts' }
  /** The sign-in log: who signed in, failed, was locked, and what admins did to accounts. */
  | { kind: 'read_auth_log' };

export type Decision = { allowed: true } | { allowed: false; reason: { vi: string; en: string } };

const allow: Decision = { allowed: true };
const deny = (vi: string, en: string): Decision => ({ allowed: false, reason: { vi, en } });

export function authorize(p: Principal, action: Action, tree: OrgTree): Decision {
  const inScope = (orgId: string) => tree.has(orgId) && tree.has(p.orgId) && tree.within(orgId, p.orgId);
  switch (action.kind) {
    case 'read_case':
      if (p.role === 'auditor' || p.role === 'admin') return allow;
      return inScope(action.cellId)
        ? allow
        : deny(
            `Hồ sơ thuộc ${action.cellId}, ngoài phạm vi của ${p.orgId}`,
            `the case belongs to ${action.cellId}, outside ${p.orgId}`,
          );
    case 'list_cases':
      if (p.role === 'auditor' || p.role === 'admin') return allow;
      return action.orgId && inScope(action.orgId)
        ? allow
        : deny(
            `Chỉ xem được danh sách hồ sơ trong phạm vi của ${p.orgId}`,
            `only cases within ${p.orgId} may be listed`,
          );
    case 'record_step':
      if (p.role === 'cell_secretary' && p.orgId === action.cellId) return allow;
      if (p.role === 'committee' && inScope(action.cellId)) return allow;
      return deny(
        `Chỉ bí thư chi bộ ${action.cellId} hoặc cấp ủy cấp trên được ghi nhận bước này`,
        `only the secretary of ${action.cellId} or a committee above it may record this step`,
      );
    case 'committee_act':
      return p.role === 'committee' && inScope(action.cellId)
        ? allow
        : deny(
            `Chỉ cấp ủy cấp trên của ${action.cellId} được ghi nhận việc này`,
            `only a committee above ${action.cellId} may record this`,
          );
    case 'record_paper':
      return p.role === 'committee' && inScope(action.cellId)
        ? allow
        : deny(
            `Chỉ cấp ủy cấp trên của ${action.cellId} được nhập hồ sơ giấy`,
            `only a committee above ${action.cellId} may copy steps from paper records`,
          );
    case 'decide': {
      const competent = action.competentCommitteeId ?? null;
      const superior = action.superiorCommitteeId ?? null;
      if (!(p.role === 'committee' && p.orgId === action.committeeId && inScope(action.cellId)))
        return deny(
          `Chỉ cấp ủy ${action.committeeId} được quyết định cho ${action.cellId}`,
          `only committee ${action.committeeId} may decide for ${action.cellId}`,
        );
      // The superior may decide only a case referred to it: the charter's rule, which knows the case, judges that.
      if (competent === null || action.committeeId === competent || action.committeeId === superior) return allow;
      return deny(
        `Chỉ cấp ủy có thẩm quyền của ${action.cellId}, ${competent}, được quyết định` +
          (superior
            ? ` (cấp ủy cấp trên ${superior} chỉ khi hồ sơ được chuyển lên sau ba lần biểu quyết không đạt)`
            : ''),
        `only ${action.cellId}'s competent committee, ${competent}, may decide` +
          (superior ? ` (its superior ${superior} only a case referred to it after three failed votes)` : ''),
      );
    }
    case 'read_inbox':
      if (p.role === 'auditor' || p.role === 'admin') return allow;
      return p.role === 'committee' && inScope(action.committeeId)
        ? allow
        : deny(
            `Không có quyền xem cảnh báo của ${action.committeeId}`,
            `no access to the alerts of ${action.committeeId}`,
          );
    case 'acknowledge':
      return p.role === 'committee' && p.orgId === action.committeeId
        ? allow
        : deny(
            `Chỉ ${action.committeeId} xác nhận cảnh báo của mình`,
            `only ${action.committeeId} acknowledges its alerts`,
          );
    case 'manage_registry':
      return p.role === 'admin'
        ? allow
        : deny('Chỉ quản trị viên quản lý danh mục tổ chức', 'only an admin manages the registry');
    case 'manage_accounts':
      return p.role === 'admin' ? allow : deny('Chỉ quản trị viên quản lý tài khoản', 'only an admin manages accounts');
    case 'read_auth_log':
      return p.role === 'auditor' || p.role === 'admin'
        ? allow
        : deny(
            'Chỉ kiểm tra viên và quản trị viên xem nhật ký đăng nhập',
            'only auditors and admins read the sign-in log',
          );
  }
}

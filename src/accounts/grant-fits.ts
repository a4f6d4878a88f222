/**
 * Whether a grant makes sense in the registry in force: a secretary acts for a cell, a committee user for a
 * committee; auditors and admins for any organisation (usually the province). The reason names the organisation.
 */
import type { Grant } from '../auth/principal';
import type { OrgTree } from '../org/registry';

export function grantProblem(grant: Grant, tree: OrgTree): { vi: string; en: string } | null {
  if (!tree.has(grant.orgId))
    return {
      vi: `Không có tổ chức ${grant.orgId} trong danh mục đang hiệu lực`,
      en: `no organisation ${grant.orgId} in the registry in force`,
    };
  const unit = tree.unit(grant.orgId);
  if (grant.role === 'cell_secretary' && unit.kind !== 'cell')
    return {
      vi: `Bí thư chi bộ phải gắn với một chi bộ; ${unit.name} không phải chi bộ`,
      en: `a cell secretary acts for a cell; ${unit.name} is not one`,
    };
  if (grant.role === 'committee' && unit.kind === 'cell')
    return {
      vi: `Cấp ủy phải gắn với một đảng ủy; ${unit.name} là chi bộ`,
      en: `a committee user acts for a committee; ${unit.name} is a cell`,
    };
  return null;
}

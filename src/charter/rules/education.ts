/** Charter rule 2: lower-secondary diploma, or completed primary school in the listed areas and for fishermen at sea. */
import type { PolicySet } from '../policy';
import { pass, refuse, type RuleResult } from '../rule';

const RANK = { primary: 0, lower_secondary: 1, upper_secondary: 2, higher: 3 } as const;

export function educationMinimum(
  _p: PolicySet,
  education: keyof typeof RANK,
  exception: string | undefined,
): RuleResult {
  const required = exception ? 'primary' : 'lower_secondary';
  if (RANK[education] >= RANK[required]) return pass('education.minimum');
  return refuse(
    'education.minimum',
    { education, exception: exception ?? null, required },
    {
      vi: 'Chưa có bằng tốt nghiệp trung học cơ sở (chỉ miền núi, biên giới, hải đảo, vùng đồng bào dân tộc thiểu số, vùng đặc biệt khó khăn và ngư dân trên biển được tính tiểu học).',
      en: 'No lower-secondary diploma (completed primary school suffices only in mountain, border, island, ethnic-minority or extremely disadvantaged areas, and for fishermen at sea).',
    },
  );
}

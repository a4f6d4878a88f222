/** Charter rule 2: lower-secondary diploma, or completed primary school in the listed areas and for fishermen at sea. */
import type { PolicySet } from '../policy';
import { pass, refuse, type RuleResult, declareRule } from '../rule';

const EDUCATION_MINIMUM = declareRule({
  id: 'education.minimum',
  source: 'Quy định thi hành Điều lệ, 1.2',
  title: { vi: 'Trình độ học vấn', en: 'Education' },
  summary:
    'Lower-secondary diploma; completed primary school suffices in mountain, border, island, ethnic-minority or extremely disadvantaged areas and for fishermen at sea.',
  guards: ['RECORD_CELL_VOTE'],
  reads: [],
});

/** The rules declared here, in the order docs/rules.md lists them. */
export const DECLARED = [EDUCATION_MINIMUM];

const RANK = { primary: 0, lower_secondary: 1, upper_secondary: 2, higher: 3 } as const;

export function educationMinimum(
  _p: PolicySet,
  education: keyof typeof RANK,
  exception: string | undefined,
): RuleResult {
  const required = exception ? 'primary' : 'lower_secondary';
  if (RANK[education] >= RANK[required]) return pass(EDUCATION_MINIMUM.id);
  return refuse(
    EDUCATION_MINIMUM.id,
    { education, exception: exception ?? null, required },
    {
      vi: 'Chưa có bằng tốt nghiệp trung học cơ sở (chỉ miền núi, biên giới, hải đảo, vùng đồng bào dân tộc thiểu số, vùng đặc biệt khó khăn và ngư dân trên biển được tính tiểu học).',
      en: 'No lower-secondary diploma (completed primary school suffices only in mountain, border, island, ethnic-minority or extremely disadvantaged areas, and for fishermen at sea).',
    },
  );
}

import { missingMessage, serverReason, wrongTypeMessage } from '../../src/temporal/bootstrap';

const settings = {
  address: 'temporal.example.vn:7233',
  namespace: 'party-pipeline',
  bootstrap: 'check' as const,
  namespaceRetentionDays: 3650,
};

test('what is missing is listed, each with its type, followed by the command that creates it', () => {
  const message = missingMessage(
    settings,
    {
      namespace: true,
      attributes: [
        ['CellId', 'Keyword'],
        ['CommitteeIds', 'KeywordList'],
      ],
    },
    'PIPELINE_BOOTSTRAP=check forbids creating them',
  );
  expect(message).toBe(
    [
      'Temporal at temporal.example.vn:7233 lacks what the pipeline needs in namespace party-pipeline, and PIPELINE_BOOTSTRAP=check forbids creating them:',
      '  - the namespace party-pipeline',
      '  - the search attribute CellId of type Keyword',
      '  - the search attribute CommitteeIds of type KeywordList',
      'An operator creates them (with the TLS or API-key options of the cluster) with:',
      '  temporal operator namespace create --address temporal.example.vn:7233 --namespace party-pipeline --retention 3650d',
      '  temporal operator search-attribute create --address temporal.example.vn:7233 --namespace party-pipeline --name CellId --type Keyword',
      '  temporal operator search-attribute create --address temporal.example.vn:7233 --namespace party-pipeline --name CommitteeIds --type KeywordList',
      'then starts the worker and the API again.',
    ].join('\n'),
  );
});

test('an existing namespace is not listed as missing, nor is a command given for it', () => {
  const message = missingMessage(settings, { namespace: false, attributes: [['OverdueLevel', 'Int']] }, 'because');
  expect(message).not.toContain('the namespace');
  expect(message).not.toContain('namespace create');
  expect(message).toContain('--name OverdueLevel --type Int');
});

test('an attribute of another type names both types and how it can be put right', () => {
  const message = wrongTypeMessage(settings, [{ name: 'CellId', expected: 'Keyword', actual: 'Text' }]);
  expect(message).toContain('a search attribute has another type than the pipeline needs');
  expect(message).toContain('  - CellId is of type Text, the pipeline needs Keyword');
  expect(message).toContain(
    'temporal operator search-attribute remove --address temporal.example.vn:7233 --namespace party-pipeline --name CellId',
  );
});

test("the server's refusal is quoted with the status's name", () => {
  const err = Object.assign(new Error('7 PERMISSION_DENIED: Request unauthorized.'), {
    code: 7,
    details: 'Request unauthorized.',
    metadata: {},
  });
  expect(serverReason(err)).toBe('PERMISSION_DENIED: Request unauthorized.');
  expect(serverReason(new Error('socket hang up'))).toBe('socket hang up');
});

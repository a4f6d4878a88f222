import { join } from 'node:path';
import { iso } from '../../src/charter/dates';
import { authorize, type Action } from '../../src/auth/scope';
import type { Principal } from '../../src/auth/principal';
import { tokenKeys } from '../../src/auth/server-secret';
import { loadRegistryFile } from '../../src/org/load';

const tree = loadRegistryFile(join(__dirname, '..', '..', 'data', 'demo-province.json')).on(iso('2026-01-01'));

const secretary: Principal = { userId: 'bt-thpt-a', role: 'cell_secretary', orgId: 'cb-thpt-a' };
const commune: Principal = { userId: 'du-xa-a-1', role: 'committee', orgId: 'du-xa-a' };
const hospital: Principal = { userId: 'du-bv-1', role: 'committee', orgId: 'du-bv' };
const auditor: Principal = { userId: 'ubkt-1', role: 'auditor', orgId: 'tu-demo' };
const admin: Principal = { userId: 'admin-1', role: 'admin', orgId: 'tu-demo' };

describe('the server secret', () => {
  test('a short secret is a configuration error', () => {
    expect(() => tokenKeys('short')).toThrow(/PIPELINE_TOKEN_SECRET must be at least 32 characters/);
  });
});

describe('roles and scope', () => {
  const allowed = (p: Principal, a: Action) => authorize(p, a, tree).allowed;

  test('a cell secretary records and reads only their own cell', () => {
    expect(allowed(secretary, { kind: 'record_step', cellId: 'cb-thpt-a' })).toBe(true);
    expect(allowed(secretary, { kind: 'read_case', cellId: 'cb-thpt-a' })).toBe(true);
    expect(allowed(secretary, { kind: 'record_step', cellId: 'cb-thon-1' })).toBe(false);
    expect(allowed(secretary, { kind: 'read_case', cellId: 'cb-bv-noi' })).toBe(false);
    expect(allowed(secretary, { kind: 'decide', cellId: 'cb-thpt-a', committeeId: 'du-xa-a' })).toBe(false);
    expect(allowed(secretary, { kind: 'manage_registry' })).toBe(false);
  });

  test('a committee decides and reads within its subtree only', () => {
    expect(allowed(commune, { kind: 'decide', cellId: 'cb-thpt-a', committeeId: 'du-xa-a' })).toBe(true);
    expect(allowed(commune, { kind: 'read_case', cellId: 'cb-thon-2' })).toBe(true);
    expect(allowed(commune, { kind: 'read_inbox', committeeId: 'du-xa-a' })).toBe(true);
    expect(allowed(commune, { kind: 'acknowledge', committeeId: 'du-xa-a' })).toBe(true);
    expect(allowed(hospital, { kind: 'read_case', cellId: 'cb-thpt-a' })).toBe(false);
    expect(allowed(hospital, { kind: 'decide', cellId: 'cb-thpt-a', committeeId: 'du-xa-a' })).toBe(false);
    expect(allowed(hospital, { kind: 'acknowledge', committeeId: 'du-xa-a' })).toBe(false);
    expect(allowed(hospital, { kind: 'read_inbox', committeeId: 'du-xa-a' })).toBe(false);
  });

  test("a committee's own acts (an extension, the province's over-60 consent) are recorded by a committee above the cell", () => {
    expect(allowed(commune, { kind: 'committee_act', cellId: 'cb-thpt-a' })).toBe(true);
    expect(allowed(secretary, { kind: 'committee_act', cellId: 'cb-thpt-a' })).toBe(false);
    expect(allowed(hospital, { kind: 'committee_act', cellId: 'cb-thpt-a' })).toBe(false);
    expect(allowed(auditor, { kind: 'committee_act', cellId: 'cb-thpt-a' })).toBe(false);
  });

  test('an auditor reads anything and changes nothing; an admin manages the registry', () => {
    expect(allowed(auditor, { kind: 'read_case', cellId: 'cb-bv-noi' })).toBe(true);
    expect(allowed(auditor, { kind: 'read_inbox', committeeId: 'du-bv' })).toBe(true);
    expect(allowed(auditor, { kind: 'record_step', cellId: 'cb-bv-noi' })).toBe(false);
    expect(allowed(auditor, { kind: 'decide', cellId: 'cb-bv-noi', committeeId: 'du-bv' })).toBe(false);
    expect(allowed(auditor, { kind: 'acknowledge', committeeId: 'du-bv' })).toBe(false);
    expect(allowed(auditor, { kind: 'manage_registry' })).toBe(false);
    expect(allowed(admin, { kind: 'manage_registry' })).toBe(true);
  });

  test('a refusal explains itself in Vietnamese and English', () => {
    expect(authorize(hospital, { kind: 'read_case', cellId: 'cb-thpt-a' }, tree)).toEqual({
      allowed: false,
      reason: {
        vi: 'Hồ sơ thuộc cb-thpt-a, ngoài phạm vi của du-bv',
        en: 'the case belongs to cb-thpt-a, outside du-bv',
      },
    });
  });
});

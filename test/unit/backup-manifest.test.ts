/** A restore checks the backup before it writes anything: a missing manifest, a changed file, a missing dump. */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKUP_FORMAT, BackupError, readBackup, type BackupManifest } from '../../src/cluster/backup';

function backupDir(roles: Array<'temporal' | 'visibility' | 'app'>, tamper?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'backup-unit-'));
  const databases = roles.map((role) => {
    const content = `dump of ${role}`;
    writeFileSync(join(dir, `${role}.dump`), role === tamper ? content.toUpperCase() : content);
    return {
      role,
      name: role,
      file: `${role}.dump`,
      bytes: Buffer.byteLength(content),
      sha256: createHash('sha256').update(content).digest('hex'),
      schemaVersion: null,
    };
  });
  const manifest: BackupManifest = { format: BACKUP_FORMAT, takenAt: '2026-11-28T00:00:00.000Z', databases };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { dir, manifest };
}

test('a whole backup reads back as its manifest', async () => {
  const { dir, manifest } = backupDir(['temporal', 'visibility', 'app']);
  expect(await readBackup(dir)).toEqual(manifest);
});

test('a directory without a manifest is not a backup (or one that did not finish)', async () => {
  const err = await readBackup(mkdtempSync(join(tmpdir(), 'backup-unit-'))).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BackupError);
  expect((err as Error).message).toContain('has no manifest.json');
});

test('a dump changed after the backup is refused, naming the file', async () => {
  const { dir } = backupDir(['temporal', 'visibility', 'app'], 'visibility');
  await expect(readBackup(dir)).rejects.toThrow(`${join(dir, 'visibility.dump')} is not the file the backup wrote`);
});

test('a backup lacking one database is refused, naming it', async () => {
  const { dir } = backupDir(['temporal', 'app']);
  await expect(readBackup(dir)).rejects.toThrow('has no dump of visibility');
});

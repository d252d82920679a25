import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FileStorage, FileTranscriptStore, LowdbHandoffStore } from '../../../bot/store/index.js';
import { useTempDirs } from '../../support/temp-dirs.js';
import { handoffStoreContract } from './contracts/handoff-store-contract.js';
import { storageContract } from './contracts/storage-contract.js';
import { transcriptStoreContract } from './contracts/transcript-store-contract.js';

// Every store implementation runs the same contract; a new one (PostgreSQL) adds its harness here.
const tempDir = useTempDirs('vastaa-contract-');

handoffStoreContract('the file handoff store (snapshot + journal)', () => {
  let dir: Promise<string> | undefined;
  const file = async () => path.join(await (dir ??= tempDir()), 'handoff.json');
  return {
    open: async () => LowdbHandoffStore.open(await file()),
    reopen: async () => LowdbHandoffStore.open(await file()),
    close: async () => undefined,
    // The snapshot and its journal: all the file store keeps.
    rawDump: async () => {
      const read = (name: string) => readFile(name, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? '' : Promise.reject(error)));
      return `${await read(await file())}\n${await read(`${await file()}.journal`)}`;
    },
  };
});

storageContract('the file bot-state storage', () => {
  let dir: Promise<string> | undefined;
  const folder = async () => path.join(await (dir ??= tempDir()), 'state');
  return { open: async () => FileStorage.open(await folder()), reopen: async () => FileStorage.open(await folder()) };
});

transcriptStoreContract('the file transcript store', () => {
  let dir: Promise<string> | undefined;
  const folder = async () => path.join(await (dir ??= tempDir()), 'transcripts');
  return {
    open: async () => new FileTranscriptStore(await folder()),
    reopen: async () => new FileTranscriptStore(await folder()),
    settle: async (store) => (store as FileTranscriptStore).flush(),
  };
});

import type { Activity, Storage, StoreItems, TranscriptLogger } from 'botbuilder';
import { isStorageFailure, type WriteReporter } from './storage-health.js';

/**
 * Bot state storage that tells `health` whether each write reached the disk. A refusal by the
 * storage's own rules (stale eTag) is passed on without counting as a disk problem.
 */
export function reportingStorage(inner: Storage, health: WriteReporter, name = 'bot state'): Storage {
  const report = async <T>(write: Promise<T>): Promise<T> => {
    try {
      const result = await write;
      health.succeeded(name);
      return result;
    } catch (error) {
      if (isStorageFailure(error)) health.failed(name, error);
      throw error;
    }
  };
  return {
    read: (keys: string[]) => inner.read(keys),
    write: (changes: StoreItems) => report(inner.write(changes)),
    delete: (keys: string[]) => report(inner.delete(keys)),
  };
}

/** A transcript logger that tells `health` whether each activity reached the disk. */
export function reportingTranscriptLogger(inner: TranscriptLogger, health: WriteReporter, name = 'transcripts'): TranscriptLogger {
  return {
    async logActivity(activity: Activity) {
      try {
        await inner.logActivity(activity);
        health.succeeded(name);
      } catch (error) {
        if (isStorageFailure(error)) health.failed(name, error);
        throw error;
      }
    },
  };
}
